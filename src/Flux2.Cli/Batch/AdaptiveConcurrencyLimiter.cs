namespace Flux2.Cli;

/// <summary>
/// A concurrency limit that adapts to rate limiting: a 429 lowers the limit to the jobs still running (the provider
/// accepted those and refused one more, so that is its limit now), and every <c>limit</c> successes in a row raise it by
/// one, up to the maximum (additive increase). Halving instead would leave slots idle that the provider would serve.
/// </summary>
internal sealed class AdaptiveConcurrencyLimiter
{
    private readonly Lock _lock = new();
    private readonly LinkedList<TaskCompletionSource<Lease>> _waiters = new();
    private int _limit;
    private int _inFlight;
    private int _successes;
    private long _window;

    /// <summary>Creates a limiter that starts at, and never exceeds, <paramref name="maximum"/>.</summary>
    public AdaptiveConcurrencyLimiter(int maximum)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maximum, 1);
        Maximum = maximum;
        _limit = maximum;
    }

    /// <summary>The most jobs ever allowed at once.</summary>
    public int Maximum { get; }

    /// <summary>Jobs allowed at once now.</summary>
    public int Limit
    {
        get
        {
            lock (_lock)
            {
                return _limit;
            }
        }
    }

    /// <summary>Jobs running now.</summary>
    public int InFlight
    {
        get
        {
            lock (_lock)
            {
                return _inFlight;
            }
        }
    }

    /// <summary>Raised after the limit changed, with the old and new limit.</summary>
    public event Action<int, int>? LimitChanged;

    /// <summary>Waits for a slot. Dispose the lease (or report through it) when the job ends.</summary>
    public Task<Lease> AcquireAsync(CancellationToken cancellationToken)
    {
        TaskCompletionSource<Lease> waiter;
        LinkedListNode<TaskCompletionSource<Lease>> node;
        lock (_lock)
        {
            if (_inFlight < _limit && _waiters.Count == 0)
            {
                _inFlight++;
                return Task.FromResult(new Lease(this, _window));
            }

            waiter = new TaskCompletionSource<Lease>(TaskCreationOptions.RunContinuationsAsynchronously);
            node = _waiters.AddLast(waiter);
        }

        if (cancellationToken.CanBeCanceled)
        {
            var registration = cancellationToken.Register(() =>
            {
                lock (_lock)
                {
                    if (node.List is null)
                    {
                        return;
                    }

                    _waiters.Remove(node);
                }

                waiter.TrySetCanceled(cancellationToken);
            });
            _ = waiter.Task.ContinueWith(_ => registration.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        return waiter.Task;
    }

    private void Release(Lease lease, Outcome outcome)
    {
        (int Old, int New)? changed = null;
        var wake = new List<(TaskCompletionSource<Lease>, Lease)>();
        lock (_lock)
        {
            _inFlight--;
            switch (outcome)
            {
                case Outcome.RateLimited:
                    int accepted = Math.Max(1, Math.Min(_limit, _inFlight));
                    if (accepted != _limit)
                    {
                        changed = (_limit, accepted);
                        _limit = accepted;
                        _window++;
                    }

                    _successes = 0;
                    break;
                case Outcome.Success:
                    if (++_successes >= _limit && _limit < Maximum)
                    {
                        changed = (_limit, _limit + 1);
                        _limit++;
                        _successes = 0;
                        _window++;
                    }

                    break;
                default:
                    break;
            }

            while (_inFlight < _limit && _waiters.First is { } first)
            {
                _waiters.RemoveFirst();
                _inFlight++;
                wake.Add((first.Value, new Lease(this, _window)));
            }
        }

        foreach (var (waiter, next) in wake)
        {
            if (!waiter.TrySetResult(next))
            {
                next.Dispose();
            }
        }

        if (changed is { } c && c.Old != c.New)
        {
            LimitChanged?.Invoke(c.Old, c.New);
        }
    }

    private enum Outcome
    {
        Neutral,
        Success,
        RateLimited,
    }

    /// <summary>One slot; say how the job went (success, rate limited) or just dispose it (neither counts).</summary>
    public sealed class Lease : IDisposable
    {
        private readonly AdaptiveConcurrencyLimiter _owner;
        private int _released;

        internal Lease(AdaptiveConcurrencyLimiter owner, long window)
        {
            _owner = owner;
            Window = window;
        }

        /// <summary>The limit window this slot was granted in.</summary>
        public long Window { get; }

        /// <summary>Releases the slot after a success.</summary>
        public void Succeeded() => Release(Outcome.Success);

        /// <summary>Releases the slot after a 429: the limit is halved, once per window.</summary>
        public void RateLimited() => Release(Outcome.RateLimited);

        /// <summary>Releases the slot without changing the limit.</summary>
        public void Dispose() => Release(Outcome.Neutral);

        private void Release(Outcome outcome)
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                _owner.Release(this, outcome);
            }
        }
    }
}
