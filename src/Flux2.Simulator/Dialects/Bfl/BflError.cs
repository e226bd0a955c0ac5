namespace Flux2.Simulator.Dialects.Bfl;

/// <summary>BFL error with a string detail.</summary>
internal sealed record BflError(string Detail);
