using Flux2.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Flux2.Agents;

/// <summary>
/// Allows the downloader to fetch the simulator's loopback result URLs (127.0.0.1, and "localhost" where BFL's polling host points),
/// but only when no provider key is configured, so a real-provider set-up keeps its private-address guard intact.
/// </summary>
internal sealed class Flux2OfflineSimulatorDownloadHosts(IServiceProvider services) : IPostConfigureOptions<Flux2ClientOptions>
{
    internal static readonly string[] Hosts = ["127.0.0.1", "localhost"];

    public void PostConfigure(string? name, Flux2ClientOptions options)
    {
        if (AnyKeyConfigured(options, services.GetService(typeof(IConfiguration)) as IConfiguration))
        {
            return;
        }

        foreach (string host in Hosts)
        {
            if (!options.Download.AllowedPrivateHosts.Contains(host, StringComparer.OrdinalIgnoreCase))
            {
                options.Download.AllowedPrivateHosts.Add(host);
            }
        }
    }

    private static bool AnyKeyConfigured(Flux2ClientOptions options, IConfiguration? configuration)
    {
        if (options.Providers.Values.Any(p => !string.IsNullOrWhiteSpace(p.ApiKey)))
        {
            return true;
        }

        foreach (var provider in Flux2Providers.All)
        {
            if (provider.ApiKeyVariable is not { } variable)
            {
                continue;
            }

            if (!string.IsNullOrWhiteSpace(configuration?[variable]) || !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(variable)))
            {
                return true;
            }
        }

        return false;
    }
}
