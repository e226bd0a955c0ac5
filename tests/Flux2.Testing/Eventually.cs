namespace Flux2.Testing;

/// <summary>
/// Polls for something that must happen, up to a deadline. Never use it to show that something did not happen: a wait that ends
/// proves nothing about what came after; use a counter, a signal or a fake clock for that.
/// </summary>
public static class Eventually
{
    /// <summary>How long a wait lasts when the caller names no time-out.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(20);

    /// <summary>Returns once <paramref name="condition"/> holds; throws a <see cref="TimeoutException"/> naming <paramref name="what"/> when it still does not after the time-out.</summary>
    public static Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return WaitUntilAsync(() => Task.FromResult(condition()), what, timeout, cancellationToken);
    }

    /// <summary>Returns once the asynchronous <paramref name="condition"/> holds (an HTTP probe, say); throws a <see cref="TimeoutException"/> naming <paramref name="what"/> when it still does not after the time-out.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        TimeSpan limit = timeout ?? DefaultTimeout;
        long started = TimeProvider.System.GetTimestamp();
        while (!await condition())
        {
            if (TimeProvider.System.GetElapsedTime(started) > limit)
            {
                throw new TimeoutException($"Still not true after {limit.TotalSeconds:0.#} s: {what}.");
            }

            await Task.Delay(Interval, cancellationToken);
        }
    }

    /// <summary>Returns the first non-null value <paramref name="probe"/> gives; throws a <see cref="TimeoutException"/> naming <paramref name="what"/> when none came in time.</summary>
    public static async Task<T> ValueAsync<T>(Func<T?> probe, string what, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(probe);
        T? value = null;
        await WaitUntilAsync(() => (value = probe()) is not null, what, timeout, cancellationToken);
        return value!;
    }
}
