using Flux2.Client;
using Flux2.Simulator;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the built-in simulator as the offline default of the FLUX.2 caller.</summary>
public static class Flux2OfflineSimulatorServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="SimulatorOfflineFallback"/> as the <see cref="IFlux2OfflineFallback"/>: with no provider key configured,
    /// requests are served by an in-process simulator on an ephemeral loopback port, started on first use.
    /// Settings come from <c>Flux2:Simulator</c> (e.g. <c>Flux2:Simulator:LatencyMs</c>) when an <see cref="IConfiguration"/> is registered,
    /// then from <paramref name="configure"/>. Downloads from the simulator's own loopback origin are allowed.
    /// </summary>
    public static IServiceCollection AddFlux2OfflineSimulator(this IServiceCollection services, Action<Flux2OfflineSimulatorOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);

        services.AddOptions<Flux2OfflineSimulatorOptions>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<Flux2OfflineSimulatorOptions>, Flux2OfflineSimulatorConfigureOptions>());
        if (configure is not null)
        {
            services.Configure(configure);
        }

        // The simulator's result URLs are on loopback: let the downloader fetch them (its own origin only, not every loopback port),
        // but only when no provider key is configured.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IFlux2TrustedDownloadOrigins, Flux2OfflineSimulatorDownloadHosts>());

        services.TryAddSingleton<SimulatorOfflineFallback>();
        services.Replace(ServiceDescriptor.Singleton<IFlux2OfflineFallback>(sp => sp.GetRequiredService<SimulatorOfflineFallback>()));
        return services;
    }
}
