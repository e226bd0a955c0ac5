namespace Flux2.Agents;

/// <summary>What a generation cost in US dollars.</summary>
public sealed record Flux2ToolCost
{
    /// <summary>Estimate from published prices.</summary>
    public decimal? EstimatedUsd { get; init; }

    /// <summary>The provider's own figure, when reported.</summary>
    public decimal? ActualUsd { get; init; }

    /// <summary>The provider's raw figure with its unit, when reported.</summary>
    public string? ProviderReported { get; init; }
}
