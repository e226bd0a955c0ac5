namespace Flux2.Client;

/// <summary>A validated request mapped onto one provider: the provider calls to make (fan-out), their estimate and the warnings so far.</summary>
internal sealed record Flux2CallPlan
{
    /// <summary>The provider adapter.</summary>
    public required IFlux2Provider Provider { get; init; }

    /// <summary>Where the calls go (a configured provider, or the offline simulator).</summary>
    public required Flux2ProviderEndpoint Endpoint { get; init; }

    /// <summary>The capability row used.</summary>
    public required Flux2ModelCapabilities Capabilities { get; init; }

    /// <summary>The provider calls, run in parallel.</summary>
    public required IReadOnlyList<Flux2ProviderRequest> Calls { get; init; }

    /// <summary>The estimated cost of all calls, when the row has a price.</summary>
    public decimal? EstimatedUsd { get; init; }

    /// <summary>Parameters clamped, rounded or dropped while mapping.</summary>
    public required IReadOnlyList<string> Warnings { get; init; }

    /// <summary>Whether grounding will be on (asked, else the provider's default); null when the model has no switch.</summary>
    public bool? Grounding { get; init; }

    /// <summary>The number of images asked for.</summary>
    public required int ImageCount { get; init; }
}
