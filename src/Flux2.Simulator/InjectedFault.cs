namespace Flux2.Simulator;

/// <summary>A fault applied to one request.</summary>
/// <param name="Kind">What to do.</param>
/// <param name="RetryAfter">The Retry-After to announce for rate limits, or null for the default.</param>
internal sealed record InjectedFault(SimulatorFaultKind Kind, TimeSpan? RetryAfter = null);
