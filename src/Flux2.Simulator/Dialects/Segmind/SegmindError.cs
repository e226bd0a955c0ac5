namespace Flux2.Simulator.Dialects.Segmind;

/// <summary>Segmind error body.</summary>
internal sealed record SegmindError(string Error);
