using Microsoft.Extensions.DependencyInjection;

namespace Flux2.Client;

/// <summary>Registration pieces shared by <c>AddFlux2Client</c>, adapters and tests.</summary>
internal static class Flux2ClientRegistration
{
    /// <summary>Adds a provider's named HttpClient (<see cref="Flux2Http.ClientName"/>) with its resilience pipeline.</summary>
    public static IHttpClientBuilder AddFlux2ProviderHttpClient(this IServiceCollection services, string provider)
    {
        return services.AddHttpClient(Flux2Http.ClientName(provider), client =>
            {
                // The pipeline's total and per-attempt time-outs govern; HttpClient's own 100 s would cut long jobs.
                client.Timeout = Timeout.InfiniteTimeSpan;
                client.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", Flux2Http.UserAgent);
            })
            .AddFlux2Resilience(provider);
    }
}
