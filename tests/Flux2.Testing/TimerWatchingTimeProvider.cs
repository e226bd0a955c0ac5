using Microsoft.Extensions.Time.Testing;

namespace Flux2.Testing;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that also says when code under test set a timer (a retry delay, a time-out, a poll interval):
/// a test waits for the timer it expects, then advances the clock to just before it (nothing may happen yet) and past it.
/// Time moves only when the test advances it, so "not yet" is a fact, not a guess made by sleeping.
/// </summary>
public sealed class TimerWatchingTimeProvider : FakeTimeProvider
{
    private readonly List<TimeSpan> _dueTimes = [];
    private readonly Lock _gate = new();
    private TaskCompletionSource _set = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Starts the clock at 2030-01-01 00:00 UTC.</summary>
    public TimerWatchingTimeProvider()
        : base(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero))
    {
    }

    /// <summary>Every due time a timer was created or changed with, in order (infinite ones left out).</summary>
    public IReadOnlyList<TimeSpan> DueTimes
    {
        get
        {
            lock (_gate)
            {
                return [.. _dueTimes];
            }
        }
    }

    /// <inheritdoc/>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ITimer timer = base.CreateTimer(callback, state, dueTime, period);
        Record(dueTime);
        return new WatchedTimer(timer, this);
    }

    /// <summary>
    /// Waits (in real time, at most <paramref name="timeout"/>, default 30 s) until a timer is set for which <paramref name="match"/> holds;
    /// returns its due time. Throws a <see cref="TimeoutException"/> listing the due times seen.
    /// </summary>
    public async Task<TimeSpan> WaitForTimerAsync(Func<TimeSpan, bool> match, string what, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(match);
        using var limit = new CancellationTokenSource(timeout ?? Eventually.DefaultTimeout);
        while (true)
        {
            Task next;
            lock (_gate)
            {
                foreach (TimeSpan due in _dueTimes)
                {
                    if (match(due))
                    {
                        return due;
                    }
                }

                next = _set.Task;
            }

            try
            {
                await next.WaitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No timer was set for {what}; due times seen: [{string.Join(", ", DueTimes)}].");
            }
        }
    }

    /// <summary>Waits until a timer is set that is due in exactly <paramref name="dueTime"/>.</summary>
    public Task<TimeSpan> WaitForTimerAsync(TimeSpan dueTime, TimeSpan? timeout = null) =>
        WaitForTimerAsync(due => due == dueTime, $"{dueTime}", timeout);

    private void Record(TimeSpan dueTime)
    {
        if (dueTime == Timeout.InfiniteTimeSpan)
        {
            return;
        }

        TaskCompletionSource set;
        lock (_gate)
        {
            _dueTimes.Add(dueTime);
            set = _set;
            _set = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        set.TrySetResult();
    }

    /// <summary>Passes every call to the fake timer and reports the due time of each <see cref="Change"/>.</summary>
    private sealed class WatchedTimer(ITimer inner, TimerWatchingTimeProvider owner) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            bool changed = inner.Change(dueTime, period);
            owner.Record(dueTime);
            return changed;
        }

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
