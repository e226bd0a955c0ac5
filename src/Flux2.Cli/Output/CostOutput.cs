namespace Flux2.Cli;

/// <summary>What a request cost, in US dollars.</summary>
internal sealed class CostOutput
{
    /// <summary>Estimate from published prices.</summary>
    public decimal? EstimatedUsd { get; init; }

    /// <summary>The provider's own figure, when reported.</summary>
    public decimal? ActualUsd { get; init; }

    /// <summary>The provider's raw figure with its unit.</summary>
    public string? ProviderReported { get; init; }
}
