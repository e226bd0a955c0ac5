namespace Flux2.Client;

/// <summary>Sits inside a provider's resilience pipeline, so it sees every attempt, and counts them on the request's <see cref="Flux2Http.Attempts"/>.</summary>
internal sealed class Flux2AttemptCountingHandler : DelegatingHandler
{
    /// <inheritdoc/>
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Options.TryGetValue(Flux2Http.Attempts, out var counter))
        {
            counter.Increment();
        }

        return base.SendAsync(request, cancellationToken);
    }
}
