using System.Globalization;
using Microsoft.Extensions.Options;

namespace Flux2.Client;

/// <summary>
/// The per-provider-call limits layer, around each provider adapter (a request fans out into several calls, and each call counts):
/// a call waits for one of <c>Flux2:Providers:{P}:MaxConcurrency</c> slots, then for any pause the provider asked every caller to
/// keep (a 429's Retry-After), reporting both waits as progress. The <see cref="IFlux2ProviderLimiter"/> counts in this process, or
/// across replicas on Redis.
/// </summary>
internal sealed class LimitingFlux2Provider : DelegatingFlux2Provider
{
    private readonly IFlux2ProviderLimiter _limiter;
    private readonly IOptions<Flux2ClientOptions> _options;
    private readonly TimeProvider _timeProvider;

    /// <summary>Wraps <paramref name="inner"/>.</summary>
    public LimitingFlux2Provider(IFlux2Provider inner, IFlux2ProviderLimiter limiter, IOptions<Flux2ClientOptions> options, TimeProvider? timeProvider = null)
        : base(inner)
    {
        ArgumentNullException.ThrowIfNull(limiter);
        ArgumentNullException.ThrowIfNull(options);
        _limiter = limiter;
        _options = options;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc/>
    public override async Task<Flux2ProviderResponse> GenerateAsync(Flux2ProviderRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        Flux2ProviderOptions options = _options.Value.GetProviderOrDefault(Name);
        int limit = Math.Max(1, options.MaxConcurrency);
        IAsyncDisposable slot = await _limiter.AcquireAsync(
            Name,
            limit,
            () => request.Progress?.Report(new Flux2Progress { Status = Flux2ProgressStatus.Waiting, Provider = Name, Message = $"waiting for one of {limit} {Name} slots" }),
            cancellationToken).ConfigureAwait(false);
        await using (slot.ConfigureAwait(false))
        {
            await WaitOutPauseAsync(options.MaxRetryDelay, request.Progress, cancellationToken).ConfigureAwait(false);
            return await Inner.GenerateAsync(request, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Waits while the provider has asked every caller to wait; a pause longer than <paramref name="maxWait"/> (the provider's
    /// MaxRetryDelay) fails at once, as a request's own retries would.
    /// </summary>
    private async Task WaitOutPauseAsync(TimeSpan maxWait, IProgress<Flux2Progress>? progress, CancellationToken cancellationToken)
    {
        TimeSpan pause;
        while ((pause = await _limiter.GetPauseAsync(Name, cancellationToken).ConfigureAwait(false)) > TimeSpan.Zero)
        {
            if (pause > maxWait)
            {
                throw new Flux2Exception(
                    Flux2ErrorKind.RateLimited,
                    string.Create(CultureInfo.InvariantCulture, $"{Name} is rate limiting: it asked every caller to wait {pause.TotalSeconds:0.#} s (429 Retry-After), longer than Flux2:Providers:{Name}:MaxRetryDelay. Nothing was sent; try again later."))
                { Provider = Name, RetryAfter = pause };
            }

            progress?.Report(new Flux2Progress
            {
                Status = Flux2ProgressStatus.Waiting,
                Provider = Name,
                Message = string.Create(CultureInfo.InvariantCulture, $"{Name} asked every caller to wait {pause.TotalSeconds:0.#} s (rate limited)"),
            });
            await Task.Delay(pause, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }
}
