namespace Flux2.Client;

/// <summary>
/// The progress sink of the provider call running on this async flow, so that cross-cutting layers below the adapter
/// (the resilience pipeline's retries) can report to the caller without every adapter passing it along.
/// </summary>
internal static class Flux2ProgressScope
{
    private static readonly AsyncLocal<IProgress<Flux2Progress>?> CurrentSink = new();

    /// <summary>The sink of the current provider call, or null.</summary>
    public static IProgress<Flux2Progress>? Current
    {
        get => CurrentSink.Value;
        set => CurrentSink.Value = value;
    }
}
