namespace Flux2.Simulator.Dialects.Bfl;

/// <summary>BFL Ready result.</summary>
internal sealed record BflResult(string? Sample, string Prompt, long Seed, double StartTime, double EndTime, double Duration);
