namespace Flux2.Client;

/// <summary>Where and how to reach a provider for one call: resolved by the caller from configuration or from the offline simulator.</summary>
public sealed record Flux2ProviderEndpoint
{
    /// <summary>The base URL that replaces the provider's scheme, host and leading path.</summary>
    public required Uri BaseUrl { get; init; }

    /// <summary>A second base URL where the provider has one (fal's queue host); null otherwise.</summary>
    public Uri? QueueBaseUrl { get; init; }

    /// <summary>The API key. Never logged, never put in an error or result.</summary>
    public required string ApiKey { get; init; }

    /// <summary>True when this endpoint is the built-in simulator.</summary>
    public bool Simulated { get; init; }

    /// <inheritdoc/>
    public override string ToString() => $"{BaseUrl} (key redacted)";
}
