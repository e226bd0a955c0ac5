using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace Flux2.Client;

/// <summary>
/// The default <see cref="IFlux2ProviderLimiter"/>: one first-come, first-served concurrency limiter per provider in this
/// process; no shared pauses (a request's own retries honour Retry-After).
/// </summary>
internal sealed class Flux2LocalProviderLimiter : IFlux2ProviderLimiter, IDisposable
{
    private const int QueueLimit = 10_000;
    private readonly ConcurrentDictionary<string, ConcurrencyLimiter> _limiters = new(StringComparer.OrdinalIgnoreCase);

    /// <inheritdoc/>
    public async ValueTask<IAsyncDisposable> AcquireAsync(string provider, int limit, Action? waiting = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(provider);
        ConcurrencyLimiter limiter = _limiters.GetOrAdd(provider, static (_, permits) => new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = Math.Max(1, permits),
            QueueLimit = QueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        }), limit);
        RateLimitLease lease = limiter.AttemptAcquire(1);
        if (!lease.IsAcquired)
        {
            lease.Dispose();
            waiting?.Invoke();
            lease = await limiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
            if (!lease.IsAcquired)
            {
                lease.Dispose();
                throw new Flux2Exception(Flux2ErrorKind.RateLimited, $"Too many requests are waiting for {provider}; lower the number of parallel requests.") { Provider = provider };
            }
        }

        return new Slot(lease);
    }

    /// <inheritdoc/>
    public ValueTask PauseAsync(string provider, TimeSpan duration, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    /// <inheritdoc/>
    public ValueTask<TimeSpan> GetPauseAsync(string provider, CancellationToken cancellationToken = default) => ValueTask.FromResult(TimeSpan.Zero);

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (ConcurrencyLimiter limiter in _limiters.Values)
        {
            limiter.Dispose();
        }
    }

    private sealed class Slot(RateLimitLease lease) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            lease.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
