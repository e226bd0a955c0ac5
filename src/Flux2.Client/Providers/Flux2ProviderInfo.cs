namespace Flux2.Client;

/// <summary>How to reach and authenticate with one provider by default.</summary>
/// <param name="Name">The provider name used in configuration and requests.</param>
/// <param name="DisplayName">A human name.</param>
/// <param name="ApiKeyVariable">The environment variable the key is read from; null when the provider is never auto-selected.</param>
/// <param name="DefaultBaseUrl">The provider's API base URL.</param>
/// <param name="DefaultQueueBaseUrl">A second host (fal's queue), or null.</param>
/// <param name="SimulatorPrefix">The simulator's path prefix for this dialect.</param>
/// <param name="SimulatorQueuePrefix">The simulator's prefix for the second host, or null.</param>
public sealed record Flux2ProviderInfo(
    string Name,
    string DisplayName,
    string? ApiKeyVariable,
    Uri DefaultBaseUrl,
    Uri? DefaultQueueBaseUrl,
    string SimulatorPrefix,
    string? SimulatorQueuePrefix = null);
