using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Flux2.Client;

/// <summary>Registers the safe downloader and its guarded, redirect-free named HttpClient.</summary>
internal static class Flux2DownloadServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IFlux2Downloader"/> and the <see cref="Flux2Http.DownloadClientName"/> HttpClient: no automatic
    /// redirects, no proxy, a connect callback that refuses restricted addresses the host policy does not allow,
    /// automatic decompression, the Flux2 User-Agent, no HttpClient time-out (the downloader applies Download.Timeout)
    /// and only <see cref="Flux2HttpRequestLogger"/>'s request log (signed URLs carry secrets in their query strings).
    /// </summary>
    internal static IServiceCollection AddFlux2Downloads(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<Flux2ClientOptions>();
        services.TryAddSingleton<Flux2DownloadHostPolicy>();
        services.TryAddSingleton<Flux2GuardedConnector>();
        services.TryAddSingleton<IFlux2Downloader, Flux2Downloader>();

        services.AddHttpClient(Flux2Http.DownloadClientName, client =>
            {
                client.Timeout = Timeout.InfiniteTimeSpan;
                client.DefaultRequestHeaders.UserAgent.Clear();
                client.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", Flux2Http.UserAgent);
            })
            .ConfigurePrimaryHttpMessageHandler(sp => CreateHandler(sp.GetRequiredService<Flux2GuardedConnector>()))
            .RemoveAllLoggers()
            .AddLogger(sp => new Flux2HttpRequestLogger(sp.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>().CreateLogger("Flux2.Client.Http.Downloads")));
        return services;
    }

    /// <summary>The primary handler of the download client.</summary>
    internal static SocketsHttpHandler CreateHandler(Flux2GuardedConnector connector) => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.All,
        ConnectTimeout = TimeSpan.FromSeconds(30),
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectCallback = connector.ConnectAsync,
    };
}
