namespace Flux2.Client;

/// <summary>
/// Admits calls to each provider: at most <c>Flux2:Providers:{P}:MaxConcurrency</c> jobs at once, and none while the provider
/// has asked callers to wait (a 429's Retry-After). The default counts within this process and keeps no pauses (each request's
/// retries already honour Retry-After); a shared implementation (Redis) makes both hold across every replica.
/// </summary>
public interface IFlux2ProviderLimiter
{
    /// <summary>
    /// Waits for one of <paramref name="limit"/> slots of <paramref name="provider"/>; disposing the result frees it.
    /// <paramref name="waiting"/> is called once when the slot is not free at once.
    /// </summary>
    /// <exception cref="Flux2Exception">No slot can be had (too many waiting, or the shared limiter is unreachable).</exception>
    ValueTask<IAsyncDisposable> AcquireAsync(string provider, int limit, Action? waiting = null, CancellationToken cancellationToken = default);

    /// <summary>Records that <paramref name="provider"/> asked every caller to wait <paramref name="duration"/> (never shortens a longer pause).</summary>
    ValueTask PauseAsync(string provider, TimeSpan duration, CancellationToken cancellationToken = default);

    /// <summary>How much of a pause of <paramref name="provider"/> is left; <see cref="TimeSpan.Zero"/> when it is not paused.</summary>
    ValueTask<TimeSpan> GetPauseAsync(string provider, CancellationToken cancellationToken = default);
}
