using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the FLUX.2 caller, its provider adapters, their HTTP pipelines and the <see cref="IImageGenerator"/>.</summary>
public static class Flux2ServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="Flux2.Client.IFlux2Client"/> and <see cref="IImageGenerator"/>, configured from the <c>Flux2</c> section of
    /// <paramref name="configuration"/> (or of the registered <see cref="IConfiguration"/>), the FLUX2_PROVIDER and FLUX2_OUTPUT_DIR
    /// environment variables, then <paramref name="configure"/>.
    /// </summary>
    public static IServiceCollection AddFlux2Client(this IServiceCollection services, IConfiguration? configuration = null, Action<Flux2.Client.Flux2ClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<Flux2.Client.Flux2ClientOptions>()
            .Configure<IServiceProvider>((options, sp) => Flux2.Client.Flux2ClientConfiguration.Apply(options, configuration ?? sp.GetService<IConfiguration>()));
        if (configure is not null)
        {
            services.Configure(configure);
        }

        if (services.Any(d => d.ServiceType == typeof(Flux2.Client.Flux2ImageClient)))
        {
            return services;
        }

        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        Flux2.Client.Flux2BuiltInProviders.AddFlux2BuiltInProviders(services);
        foreach (Flux2.Client.Flux2ProviderInfo provider in Flux2.Client.Flux2Providers.All)
        {
            Flux2.Client.Flux2ClientRegistration.AddFlux2ProviderHttpClient(services, provider.Name);
        }

        services.TryAddSingleton<Flux2.Client.Flux2ImageClient>();
        services.TryAddSingleton<Flux2.Client.IFlux2Client>(sp => sp.GetRequiredService<Flux2.Client.Flux2ImageClient>());
        services.TryAddSingleton<IImageGenerator>(sp => new Flux2.Client.Flux2ImageGenerator(
            sp.GetRequiredService<Flux2.Client.IFlux2Client>(),
            sp.GetRequiredService<IOptions<Flux2.Client.Flux2ClientOptions>>(),
            sp.GetService<Flux2.Client.IFlux2Downloader>()));

        Flux2.Client.Flux2DownloadServiceCollectionExtensions.AddFlux2Downloads(services);
        return services;
    }
}
