namespace Flux2.Simulator.Dialects.Replicate;

/// <summary>Replicate problem-details error.</summary>
internal sealed record ReplicateProblem(string? Type, string Title, int Status, string Detail, string? Instance = null);
