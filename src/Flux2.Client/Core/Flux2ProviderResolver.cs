using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Flux2.Client;

/// <summary>
/// Picks the provider, endpoint and key of a request (the one asked for, else the configured one, else the first whose key is
/// present, else the offline simulator when a host registered it) and the capability row of a model on that provider.
/// </summary>
internal sealed partial class Flux2ProviderResolver
{
    private readonly Dictionary<string, IFlux2Provider> _providers;
    private readonly IOptions<Flux2ClientOptions> _options;
    private readonly IFlux2OfflineFallback? _fallback;
    private readonly ILogger _logger;

    /// <summary>Creates the resolver over the registered adapters (the first of a name wins).</summary>
    public Flux2ProviderResolver(IEnumerable<IFlux2Provider> providers, IOptions<Flux2ClientOptions> options, IFlux2OfflineFallback? fallback, ILogger logger)
    {
        _providers = new Dictionary<string, IFlux2Provider>(StringComparer.OrdinalIgnoreCase);
        foreach (IFlux2Provider provider in providers)
        {
            _providers.TryAdd(provider.Name, provider);
        }

        _options = options;
        _fallback = fallback;
        _logger = logger;
        Capabilities = [.. _providers.Values.SelectMany(p => p.Models)];
    }

    /// <summary>Every row of every registered provider.</summary>
    public IReadOnlyList<Flux2ModelCapabilities> Capabilities { get; }

    /// <summary>The offline fallback's note for simulated results, when one is registered.</summary>
    public string? FallbackNote => _fallback?.Note;

    /// <summary>The provider and endpoint for a request that asked for <paramref name="requested"/> (null: the configured or first keyed one).</summary>
    /// <exception cref="Flux2Exception">An unknown provider, or no key where one is needed.</exception>
    public async ValueTask<(IFlux2Provider Provider, Flux2ProviderEndpoint Endpoint)> ResolveAsync(string? requested, CancellationToken cancellationToken)
    {
        Flux2ClientOptions options = _options.Value;
        string? chosen = !string.IsNullOrWhiteSpace(requested) ? requested.Trim() : !string.IsNullOrWhiteSpace(options.Provider) ? options.Provider.Trim() : null;
        if (chosen is not null)
        {
            IFlux2Provider provider = ProviderNamed(chosen);
            if (EndpointFor(provider.Name, options) is { } endpoint)
            {
                return (provider, endpoint);
            }

            if (_fallback is not null && !_providers.Keys.Any(name => ApiKeyFor(name, options) is not null))
            {
                return (provider, await FallbackEndpointAsync(provider.Name, cancellationToken).ConfigureAwait(false));
            }

            string variable = Flux2Providers.Find(provider.Name)?.ApiKeyVariable ?? "its key variable";
            throw new Flux2Exception(Flux2ErrorKind.MissingApiKey, $"No API key is configured for {provider.Name}. Set {variable} or Flux2:Providers:{provider.Name}:ApiKey, or choose a provider whose key is set.")
            { Provider = provider.Name, Parameter = "provider" };
        }

        foreach (string name in Flux2Providers.All.Select(p => p.Name).Concat(_providers.Keys.Where(k => Flux2Providers.Find(k) is null).Order(StringComparer.Ordinal)))
        {
            if (_providers.TryGetValue(name, out var provider) && EndpointFor(name, options) is { } endpoint)
            {
                return (provider, endpoint);
            }
        }

        if (_fallback is not null)
        {
            IFlux2Provider provider = ProviderNamed(_fallback.DefaultProvider);
            return (provider, await FallbackEndpointAsync(provider.Name, cancellationToken).ConfigureAwait(false));
        }

        string variables = string.Join(", ", Flux2Providers.All.Where(p => p.ApiKeyVariable is not null && _providers.ContainsKey(p.Name)).Select(p => p.ApiKeyVariable));
        throw new Flux2Exception(Flux2ErrorKind.MissingApiKey, $"No provider key is configured. Set one of {variables} (or Flux2:Providers:{{Name}}:ApiKey), and optionally FLUX2_PROVIDER to choose among several.")
        { Parameter = "provider" };
    }

    /// <summary>The row of <paramref name="model"/> on <paramref name="provider"/>, with the provider's configured attempt time-out.</summary>
    /// <exception cref="Flux2Exception"><see cref="Flux2ErrorKind.Unsupported"/> naming the providers that serve the model.</exception>
    public Flux2ModelCapabilities RowFor(IFlux2Provider provider, string model)
    {
        Flux2ModelCapabilities? row = provider.Models.FirstOrDefault(m => string.Equals(m.Model, model, StringComparison.OrdinalIgnoreCase));
        if (row is null)
        {
            string others = string.Join(", ", _providers.Values.Where(p => p.Models.Any(m => m.Model == model)).Select(p => p.Name));
            throw new Flux2Exception(
                Flux2ErrorKind.Unsupported,
                $"{provider.Name} does not serve {model}; it serves {string.Join(", ", provider.Models.Select(m => m.Model).Distinct())}.{(others.Length > 0 ? $" {model} is served by: {others}." : "")}")
            { Provider = provider.Name, Parameter = "model" };
        }

        return _options.Value.Providers.TryGetValue(provider.Name, out var configured) && configured.AttemptTimeout is { } timeout && timeout > TimeSpan.Zero
            ? row with { AttemptTimeout = timeout }
            : row;
    }

    private async ValueTask<Flux2ProviderEndpoint> FallbackEndpointAsync(string provider, CancellationToken cancellationToken)
    {
        Flux2ProviderEndpoint endpoint = await _fallback!.GetEndpointAsync(provider, cancellationToken).ConfigureAwait(false);
        LogSimulated(_logger, provider, _fallback.Note);
        return endpoint with { Simulated = true };
    }

    private IFlux2Provider ProviderNamed(string name) =>
        _providers.TryGetValue(name, out var provider)
            ? provider
            : throw new Flux2Exception(Flux2ErrorKind.InvalidArgument, $"provider '{name}' is unknown; allowed: {string.Join(", ", _providers.Keys.Order(StringComparer.Ordinal))}.") { Parameter = "provider" };

    private static string? ApiKeyFor(string provider, Flux2ClientOptions options)
    {
        if (options.Providers.TryGetValue(provider, out var configured) && !string.IsNullOrWhiteSpace(configured.ApiKey))
        {
            return configured.ApiKey.Trim();
        }

        string? variable = Flux2Providers.Find(provider)?.ApiKeyVariable;
        string? fromEnvironment = variable is null ? null : options.EnvironmentReader(variable);
        return string.IsNullOrWhiteSpace(fromEnvironment) ? null : fromEnvironment.Trim();
    }

    private static Flux2ProviderEndpoint? EndpointFor(string provider, Flux2ClientOptions options)
    {
        if (ApiKeyFor(provider, options) is not { } key)
        {
            return null;
        }

        Flux2ProviderInfo? info = Flux2Providers.Find(provider);
        options.Providers.TryGetValue(provider, out var configured);
        Uri baseUrl = configured?.BaseUrl ?? info?.DefaultBaseUrl
            ?? throw new Flux2Exception(Flux2ErrorKind.Unsupported, $"Provider '{provider}' has no default URL; set Flux2:Providers:{provider}:BaseUrl.") { Provider = provider };
        return new Flux2ProviderEndpoint
        {
            BaseUrl = baseUrl,
            QueueBaseUrl = configured?.QueueBaseUrl ?? info?.DefaultQueueBaseUrl,
            ApiKey = key,
        };
    }

    // The fallback itself announces the simulator once, at start; every result also carries Simulated and the note.
    [LoggerMessage(Level = LogLevel.Debug, Message = "No provider key configured: using the built-in simulator for {Provider}. {Note}")]
    private static partial void LogSimulated(ILogger logger, string provider, string note);
}
