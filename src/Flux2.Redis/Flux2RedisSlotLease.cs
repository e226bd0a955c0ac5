using StackExchange.Redis;

namespace Flux2.Redis;

/// <summary>One held provider slot: renewed every third of its lease while the job runs, freed when disposed.</summary>
internal sealed class Flux2RedisSlotLease : IAsyncDisposable
{
    private readonly Flux2RedisProviderLimiter _limiter;
    private readonly string _provider;
    private readonly RedisKey _slots;
    private readonly string _leaseId;
    private readonly CancellationTokenSource _stop;
    private readonly Task _renewals;
    private int _disposed;

    public Flux2RedisSlotLease(Flux2RedisProviderLimiter limiter, string provider, RedisKey slots, string leaseId, TimeSpan lease)
    {
        _limiter = limiter;
        _provider = provider;
        _slots = slots;
        _leaseId = leaseId;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(limiter.Stopping);
        _renewals = RenewAsync(lease, _stop.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        await _renewals.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
        await _limiter.ReleaseAsync(_provider, _slots, _leaseId).ConfigureAwait(false);
    }

    private async Task RenewAsync(TimeSpan lease, CancellationToken stop)
    {
        TimeSpan every = lease / 3;
        using var timer = new PeriodicTimer(every, _limiter.TimeProvider);
        while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
        {
            try
            {
                if (!await _limiter.RenewAsync(_slots, _leaseId, lease).ConfigureAwait(false))
                {
                    // Redis was out of reach for longer than the lease: the slot may have gone to another job.
                    _limiter.RenewalFailed(_provider, "the lease had already expired; the limit may be exceeded until this job ends");
                    return;
                }
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException or Flux2.Client.Flux2Exception)
            {
                _limiter.RenewalFailed(_provider, ex.Message);
            }
        }
    }
}
