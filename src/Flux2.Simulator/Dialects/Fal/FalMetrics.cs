namespace Flux2.Simulator.Dialects.Fal;

/// <summary>fal queue metrics of a completed request.</summary>
internal sealed record FalMetrics(double InferenceTime);
