namespace Flux2.Cli;

/// <summary>How long a request took, in seconds.</summary>
internal sealed class TimingsOutput
{
    /// <summary>Seconds in the provider's queue, when known.</summary>
    public double? QueueSeconds { get; init; }

    /// <summary>Seconds the model ran, when reported.</summary>
    public double? InferenceSeconds { get; init; }

    /// <summary>Wall seconds from the first request to the result.</summary>
    public double TotalSeconds { get; init; }
}
