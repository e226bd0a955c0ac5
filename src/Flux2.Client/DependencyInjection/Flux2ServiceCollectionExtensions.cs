using Flux2.Client;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

// MEAI001: IImageGenerator and ImageGeneratorBuilder are marked experimental in Microsoft.Extensions.AI 10.x; registering the
// caller's generator with AddImageGenerator (so UseLogging and UseOpenTelemetry can wrap it) is a requirement.
#pragma warning disable MEAI001

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the FLUX caller (its pipeline, adapters and HTTP pipelines) and the Microsoft.Extensions.AI <see cref="IImageGenerator"/>.</summary>
public static class Flux2ServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IFlux2Client"/> and <see cref="IImageGenerator"/>, configured from the <c>Flux2</c> section of
    /// <paramref name="configuration"/> (or of the registered <see cref="IConfiguration"/>), the FLUX2_PROVIDER and FLUX2_OUTPUT_DIR
    /// environment variables, then <paramref name="configure"/>. Returns the pipeline's builder with the default layers
    /// (telemetry, then failover, then budget, around the core): <c>Use(...)</c> adds layers inside them. Calling it again returns
    /// the same builder.
    /// </summary>
    public static Flux2ClientBuilder AddFlux2Client(this IServiceCollection services, IConfiguration? configuration = null, Action<Flux2ClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<Flux2ClientOptions>()
            .Configure<IServiceProvider>((options, sp) => Flux2ClientConfiguration.Apply(options, configuration ?? sp.GetService<IConfiguration>()));
        if (configure is not null)
        {
            services.Configure(configure);
        }

        if (services.FirstOrDefault(d => d.ServiceType == typeof(Flux2ClientBuilder))?.ImplementationInstance is Flux2ClientBuilder registered)
        {
            return registered;
        }

        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IFlux2BudgetLedger, Flux2LocalBudgetLedger>();
        Flux2BuiltInProviders.AddFlux2BuiltInProviders(services);
        foreach (Flux2ProviderInfo provider in Flux2Providers.All)
        {
            Flux2ClientRegistration.AddFlux2ProviderHttpClient(services, provider.Name);
        }

        Flux2ClientBuilder builder = new Flux2ClientBuilder(CreateCore).UseTelemetry().UseFailover().UseBudget();
        services.AddSingleton(builder);
        services.TryAddSingleton(sp => builder.Build(sp));
        services.TryAddSingleton<IImageGenerator>(CreateImageGenerator);
        Flux2DownloadServiceCollectionExtensions.AddFlux2Downloads(services);
        return builder;
    }

    /// <summary>
    /// Registers the caller's <see cref="IImageGenerator"/> with Microsoft.Extensions.AI's <c>AddImageGenerator</c> (replacing the plain
    /// one <see cref="AddFlux2Client"/> registers), so the returned builder can wrap it: <c>.UseLogging().UseOpenTelemetry()</c>.
    /// </summary>
    public static ImageGeneratorBuilder AddFlux2ImageGenerator(this IServiceCollection services, IConfiguration? configuration = null, ServiceLifetime lifetime = ServiceLifetime.Singleton)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddFlux2Client(configuration);
        services.RemoveAll<IImageGenerator>();
        return services.AddImageGenerator(CreateImageGenerator, lifetime);
    }

    private static Flux2ImageClient CreateCore(IServiceProvider services)
    {
        IOptions<Flux2ClientOptions> options = services.GetRequiredService<IOptions<Flux2ClientOptions>>();
        TimeProvider timeProvider = services.GetService<TimeProvider>() ?? TimeProvider.System;
        IFlux2ProviderLimiter limiter = services.GetRequiredService<IFlux2ProviderLimiter>();
        return new Flux2ImageClient(
            services.GetServices<IFlux2Provider>().Select(p => new DeadlineFlux2Provider(new LimitingFlux2Provider(p, limiter, options, timeProvider), options, timeProvider)),
            options,
            timeProvider,
            services.GetService<ILogger<Flux2ImageClient>>(),
            services.GetService<IFlux2OfflineFallback>());
    }

    private static Flux2ImageGenerator CreateImageGenerator(IServiceProvider services) => new(
        services.GetRequiredService<IFlux2Client>(),
        services.GetRequiredService<IOptions<Flux2ClientOptions>>(),
        services.GetService<IFlux2Downloader>(),
        services.GetService<TimeProvider>());
}
