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
    private readonly HashSet<WatchedTimer> _armed = [];
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

    /// <summary>
    /// How many timers would still fire if the clock moved on: created or changed with a finite due time, and neither fired
    /// (when not periodic) nor disposed since. Zero once an operation has finished means nothing it left behind can wake up.
    /// </summary>
    public int ArmedTimers
    {
        get
        {
            lock (_gate)
            {
                return _armed.Count;
            }
        }
    }

    /// <inheritdoc/>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var watched = new WatchedTimer(this);
        watched.Arm(dueTime, period); // before the fake timer exists: one due now fires inside CreateTimer and disarms itself
        watched.Inner = base.CreateTimer(s =>
        {
            watched.Fired();
            callback(s);
        }, state, dueTime, period);
        return watched;
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

    /// <summary>
    /// Waits until the code under test sets a timer due in <paramref name="atLeast"/>..<paramref name="atMost"/> (a wait it was asked
    /// for, with its jitter), moves the clock to 1 ms before <paramref name="atLeast"/> and runs <paramref name="beforeItEnds"/> (which
    /// asserts that nothing happened yet: on this clock nothing due later can have fired), then moves the clock to the timer's due time.
    /// Returns that due time.
    /// </summary>
    public async Task<TimeSpan> AdvanceThroughWaitAsync(TimeSpan atLeast, TimeSpan atMost, Action beforeItEnds, string what)
    {
        ArgumentNullException.ThrowIfNull(beforeItEnds);
        TimeSpan due = await WaitForTimerAsync(d => d >= atLeast && d <= atMost, what);
        TimeSpan almost = atLeast - TimeSpan.FromMilliseconds(1);
        Advance(almost);
        beforeItEnds();
        Advance(due - almost);
        return due;
    }

    /// <summary>Waits until a timer is set that is due in exactly <paramref name="dueTime"/>.</summary>
    public Task<TimeSpan> WaitForTimerAsync(TimeSpan dueTime, TimeSpan? timeout = null) =>
        WaitForTimerAsync(due => due == dueTime, $"{dueTime}", timeout);

    private void Record(WatchedTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        TaskCompletionSource? set = null;
        lock (_gate)
        {
            timer.Period = period;
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                _armed.Remove(timer);
            }
            else
            {
                _armed.Add(timer);
                _dueTimes.Add(dueTime);
                set = _set;
                _set = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        set?.TrySetResult();
    }

    private void Disarm(WatchedTimer timer, bool onlyIfOneShot)
    {
        lock (_gate)
        {
            if (!onlyIfOneShot || timer.Period == Timeout.InfiniteTimeSpan || timer.Period == TimeSpan.Zero)
            {
                _armed.Remove(timer);
            }
        }
    }

    /// <summary>Passes every call to the fake timer and keeps its owner told of its due time and whether it is armed.</summary>
    private sealed class WatchedTimer(TimerWatchingTimeProvider owner) : ITimer
    {
        public ITimer Inner { get; set; } = null!;

        public TimeSpan Period { get; set; }

        public void Arm(TimeSpan dueTime, TimeSpan period) => owner.Record(this, dueTime, period);

        public void Fired() => owner.Disarm(this, onlyIfOneShot: true);

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            bool changed = Inner.Change(dueTime, period);
            owner.Record(this, dueTime, period);
            return changed;
        }

        public void Dispose()
        {
            owner.Disarm(this, onlyIfOneShot: false);
            Inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            owner.Disarm(this, onlyIfOneShot: false);
            return Inner.DisposeAsync();
        }
    }
}
