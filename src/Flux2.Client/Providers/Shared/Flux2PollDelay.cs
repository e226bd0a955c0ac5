namespace Flux2.Client;

/// <summary>
/// Adaptive delay between status polls: the first polls are fast (so a quick job is noticed at once), then the
/// delay grows towards a ceiling; <see cref="Reset"/> after visible progress makes the next polls fast again.
/// </summary>
internal sealed class Flux2PollDelay
{
    private readonly TimeProvider _timeProvider;
    private TimeSpan _next;

    /// <summary>Creates a delay that starts at <paramref name="initial"/> (default 25 ms) and grows by <paramref name="factor"/> up to <paramref name="maximum"/> (default 1 s).</summary>
    public Flux2PollDelay(TimeProvider? timeProvider = null, TimeSpan? initial = null, TimeSpan? maximum = null, double factor = 1.6)
    {
        _timeProvider = timeProvider ?? TimeProvider.System;
        Initial = initial ?? TimeSpan.FromMilliseconds(25);
        Maximum = maximum ?? TimeSpan.FromSeconds(1);
        Factor = factor < 1 ? 1 : factor;
        _next = Initial;
    }

    /// <summary>The first delay.</summary>
    public TimeSpan Initial { get; }

    /// <summary>The ceiling.</summary>
    public TimeSpan Maximum { get; }

    /// <summary>Growth per poll.</summary>
    public double Factor { get; }

    /// <summary>Returns the next delay and grows the one after it.</summary>
    public TimeSpan Next()
    {
        TimeSpan current = _next;
        _next = TimeSpan.FromTicks(Math.Min(Maximum.Ticks, (long)(_next.Ticks * Factor)));
        return current;
    }

    /// <summary>Makes the next poll fast again (call it when the job visibly moved).</summary>
    public void Reset() => _next = Initial;

    /// <summary>Waits for the next delay.</summary>
    public Task WaitAsync(CancellationToken cancellationToken) => Task.Delay(Next(), _timeProvider, cancellationToken);
}
