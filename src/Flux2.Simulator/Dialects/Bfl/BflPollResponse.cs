namespace Flux2.Simulator.Dialects.Bfl;

/// <summary>BFL get_result answer.</summary>
internal sealed record BflPollResponse(string Id, string Status, BflResult? Result = null, double? Progress = null, IReadOnlyDictionary<string, IReadOnlyList<string>>? Details = null, string? Preview = null);
