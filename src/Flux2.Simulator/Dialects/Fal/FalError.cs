namespace Flux2.Simulator.Dialects.Fal;

/// <summary>fal error with a plain-string detail and an optional error_type.</summary>
internal sealed record FalError(string Detail, string? ErrorType = null);
