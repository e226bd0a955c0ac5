namespace Flux2.Client;

/// <summary>What a request costs in US dollars: the estimate made before the call, and the provider's figure where it reports one.</summary>
public sealed record Flux2Cost
{
    /// <summary>Estimate from published per-megapixel prices, made before the call.</summary>
    public decimal? EstimatedUsd { get; init; }

    /// <summary>The provider's own figure (BFL credits, AIML credits) converted to dollars, when reported.</summary>
    public decimal? ActualUsd { get; init; }

    /// <summary>The provider's raw figure and unit, e.g. "4.5 credits", when reported.</summary>
    public string? ProviderReported { get; init; }
}
