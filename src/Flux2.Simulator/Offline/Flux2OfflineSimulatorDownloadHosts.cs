using Flux2.Client;
using Microsoft.Extensions.Options;

namespace Flux2.Simulator;

/// <summary>
/// Lets the downloader fetch the running offline simulator's result URLs: its own origin (scheme, loopback host and ephemeral port,
/// under 127.0.0.1 and under "localhost", where BFL's polling host points) and nothing else on loopback; and only while no provider
/// key is configured, so a real-provider set-up keeps its private-address guard intact.
/// </summary>
internal sealed class Flux2OfflineSimulatorDownloadHosts(
    SimulatorOfflineFallback fallback, IOptionsMonitor<Flux2ClientOptions> options, IServiceProvider services) : IFlux2TrustedDownloadOrigins
{
    public IReadOnlyList<Uri> Origins
    {
        get
        {
            if (fallback.BaseUrl is not { } baseUrl
                || Flux2ProviderKeys.AnyConfigured(options.CurrentValue, services.GetService(typeof(IConfiguration)) as IConfiguration))
            {
                return [];
            }

            var origin = new Uri(baseUrl.GetLeftPart(UriPartial.Authority) + "/");
            var other = new UriBuilder(origin) { Host = origin.Host == "localhost" ? "127.0.0.1" : "localhost" }.Uri;
            return [origin, other];
        }
    }
}
