namespace Flux2.Simulator.Dialects.Bfl;

/// <summary>BFL credits answer.</summary>
internal sealed record BflCredits(double Credits);
