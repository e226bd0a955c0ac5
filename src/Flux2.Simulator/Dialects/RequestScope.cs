namespace Flux2.Simulator.Dialects;

/// <summary>What a dialect knows about a request once the common checks passed.</summary>
/// <param name="ApiKey">The caller's API key.</param>
/// <param name="Fault">The fault to apply to the outcome or the response body (outcome kinds and MalformedJson), or null.</param>
/// <param name="Latency">The latency of this request's job.</param>
internal sealed record RequestScope(string ApiKey, InjectedFault? Fault, TimeSpan Latency)
{
    /// <summary>The outcome fault kind, or null.</summary>
    public SimulatorFaultKind? Outcome => Fault?.Kind;

    /// <summary>True when the response body must be cut short.</summary>
    public bool Malformed => Fault?.Kind == SimulatorFaultKind.MalformedJson;
}
