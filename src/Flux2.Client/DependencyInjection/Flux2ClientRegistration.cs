using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Flux2.Client;

/// <summary>Registration pieces shared by <c>AddFlux2Client</c>, adapters and tests.</summary>
internal static class Flux2ClientRegistration
{
    /// <summary>
    /// Adds a provider's named HttpClient (<see cref="Flux2Http.ClientName"/>) with its resilience pipeline, and inside it the
    /// handler that shares a 429's Retry-After through the <see cref="IFlux2ProviderLimiter"/> (this process's unless one is registered).
    /// </summary>
    public static IHttpClientBuilder AddFlux2ProviderHttpClient(this IServiceCollection services, string provider)
    {
        services.TryAddSingleton<IFlux2ProviderLimiter, Flux2LocalProviderLimiter>();
        return services.AddHttpClient(Flux2Http.ClientName(provider), client =>
            {
                // The call's deadline (TotalTimeout) and the pipeline's per-attempt time-out govern; HttpClient's own 100 s would cut long jobs.
                client.Timeout = Timeout.InfiniteTimeSpan;
                client.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", Flux2Http.UserAgent);
            })
            .RemoveAllLoggers() // the default request log hands raw header values (the key) to structured sinks
            .AddLogger(sp => new Flux2HttpRequestLogger(sp.GetRequiredService<ILoggerFactory>().CreateLogger("Flux2.Client.Http.Requests")))
            .AddFlux2Resilience(provider)
            .AddHttpMessageHandler(() => new Flux2AttemptCountingHandler())
            .AddHttpMessageHandler(sp => new Flux2ProviderPauseHandler(
                provider,
                sp.GetRequiredService<IFlux2ProviderLimiter>(),
                sp.GetService<TimeProvider>() ?? TimeProvider.System,
                sp.GetRequiredService<ILoggerFactory>().CreateLogger("Flux2.Client.Http")));
    }
}
