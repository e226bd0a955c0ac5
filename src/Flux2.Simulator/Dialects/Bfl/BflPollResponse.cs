namespace Flux2.Simulator.Dialects.Bfl;

/// <summary>BFL get_result answer; FLUX 3 tasks also report their cost in credits.</summary>
internal sealed record BflPollResponse(string Id, string Status, BflResult? Result = null, double? Progress = null, IReadOnlyDictionary<string, IReadOnlyList<string>>? Details = null, string? Preview = null, double? Cost = null);
