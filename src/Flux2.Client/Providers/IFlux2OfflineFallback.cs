namespace Flux2.Client;

/// <summary>
/// Serves requests when no provider key is configured (the built-in simulator). Registered by hosts such as the
/// command line and the MCP server; a library user who registers none gets a <see cref="Flux2ErrorKind.MissingApiKey"/> error instead.
/// </summary>
public interface IFlux2OfflineFallback
{
    /// <summary>The provider the fallback stands in for when none is chosen (e.g. "fal").</summary>
    string DefaultProvider { get; }

    /// <summary>One line telling the user how to configure a real provider.</summary>
    string Note { get; }

    /// <summary>Starts the fallback on first use and returns the endpoint that serves the given provider's dialect.</summary>
    ValueTask<Flux2ProviderEndpoint> GetEndpointAsync(string provider, CancellationToken cancellationToken);
}
