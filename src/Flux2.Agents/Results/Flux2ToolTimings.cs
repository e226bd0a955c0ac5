namespace Flux2.Agents;

/// <summary>How long a generation took, in milliseconds.</summary>
public sealed record Flux2ToolTimings
{
    /// <summary>Time in the provider's queue, when known.</summary>
    public double? QueueMs { get; init; }

    /// <summary>Model run time, when reported.</summary>
    public double? InferenceMs { get; init; }

    /// <summary>Wall time of the whole call, images fetched included.</summary>
    public double TotalMs { get; init; }
}
