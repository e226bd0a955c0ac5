using Microsoft.Extensions.Configuration;

namespace Flux2.Client;

/// <summary>Tells whether a provider key is configured, as hosts see it: in <c>Flux2:Providers:{P}:ApiKey</c>, the configuration, or the environment.</summary>
public static class Flux2ProviderKeys
{
    /// <summary>True when <paramref name="provider"/> has a key (its options, or its key variable in the configuration or the environment).</summary>
    public static bool IsConfigured(string provider, Flux2ClientOptions options, IConfiguration? configuration)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Providers.TryGetValue(provider, out var configured) && !string.IsNullOrWhiteSpace(configured.ApiKey))
        {
            return true;
        }

        return Flux2Providers.Find(provider)?.ApiKeyVariable is { } variable
            && (!string.IsNullOrWhiteSpace(configuration?[variable]) || !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(variable)));
    }

    /// <summary>True when any provider has a key.</summary>
    public static bool AnyConfigured(Flux2ClientOptions options, IConfiguration? configuration)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Providers.Values.Any(p => !string.IsNullOrWhiteSpace(p.ApiKey))
            || Flux2Providers.All.Any(p => IsConfigured(p.Name, options, configuration));
    }
}
