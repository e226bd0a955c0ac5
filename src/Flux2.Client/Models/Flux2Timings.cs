namespace Flux2.Client;

/// <summary>How long a request took, split where the provider tells.</summary>
public sealed record Flux2Timings
{
    /// <summary>Time spent waiting in the provider's queue, when known.</summary>
    public TimeSpan? Queue { get; init; }

    /// <summary>Time the model itself ran, when the provider reports it.</summary>
    public TimeSpan? Inference { get; init; }

    /// <summary>Wall time from the first request to the result in hand.</summary>
    public TimeSpan Total { get; init; }
}
