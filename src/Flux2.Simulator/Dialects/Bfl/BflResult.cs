namespace Flux2.Simulator.Dialects.Bfl;

/// <summary>BFL Ready result: for FLUX 3 the prompt is the expanded one, the seed the model's own, and the cost is reported.</summary>
internal sealed record BflResult(string? Sample, string Prompt, long Seed, double StartTime, double EndTime, double Duration, double? Cost = null);
