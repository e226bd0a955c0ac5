using System.Net;
using Microsoft.Extensions.Logging;

namespace Flux2.Client;

/// <summary>
/// Sits inside a provider's resilience pipeline (so it sees every attempt) and tells the <see cref="IFlux2ProviderLimiter"/>
/// when the provider answers 429 with a Retry-After, so that every caller sharing the limiter waits it out before submitting.
/// </summary>
internal sealed partial class Flux2ProviderPauseHandler(string provider, IFlux2ProviderLimiter limiter, TimeProvider timeProvider, ILogger logger) : DelegatingHandler
{
    /// <inheritdoc/>
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.TooManyRequests && Flux2RetryAfter.Parse(response, timeProvider) is { } wait && wait > TimeSpan.Zero)
        {
            try
            {
                await limiter.PauseAsync(provider, wait, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The call's own outcome matters more than telling the others; they will meet the 429 themselves.
                LogPauseNotShared(logger, provider, ex.Message);
            }
        }

        return response;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not share {Provider}'s Retry-After pause: {Message}")]
    private static partial void LogPauseNotShared(ILogger logger, string provider, string message);
}
