namespace Flux2.Simulator.Dialects.Fal;

/// <summary>fal dev/klein output timings.</summary>
internal sealed record FalTimings(double Inference);
