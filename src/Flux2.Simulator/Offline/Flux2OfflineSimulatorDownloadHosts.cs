using Flux2.Client;
using Microsoft.Extensions.Options;

namespace Flux2.Simulator;

/// <summary>
/// Allows the downloader to fetch the simulator's loopback result URLs (127.0.0.1, and "localhost" where BFL's polling host points),
/// but only when no provider key is configured, so a real-provider set-up keeps its private-address guard intact.
/// </summary>
internal sealed class Flux2OfflineSimulatorDownloadHosts(IServiceProvider services) : IPostConfigureOptions<Flux2ClientOptions>
{
    internal static readonly string[] Hosts = ["127.0.0.1", "localhost"];

    public void PostConfigure(string? name, Flux2ClientOptions options)
    {
        if (Flux2ProviderKeys.AnyConfigured(options, services.GetService(typeof(IConfiguration)) as IConfiguration))
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
}
