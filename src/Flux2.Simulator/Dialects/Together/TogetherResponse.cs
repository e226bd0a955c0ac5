namespace Flux2.Simulator.Dialects.Together;

/// <summary>Together images response.</summary>
internal sealed record TogetherResponse(string Id, string Model, string Object, IReadOnlyList<TogetherImage> Data);
