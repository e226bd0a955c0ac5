namespace Flux2.Simulator.Dialects.Replicate;

/// <summary>Replicate prediction metrics.</summary>
internal sealed record ReplicateMetrics(double? PredictTime, double? TotalTime);
