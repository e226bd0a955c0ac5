namespace Flux2.Simulator;

/// <summary>Faults queued programmatically for the next matching requests; each request takes at most one fault.</summary>
public sealed class SimulatorFaults
{
    private readonly List<Entry> _entries = [];
    private readonly Lock _gate = new();

    /// <summary>Queues a fault for the next <paramref name="times"/> requests matching <paramref name="dialect"/> ("*" = any) and <paramref name="operation"/> (null = any).</summary>
    public void Add(string dialect, string? operation, SimulatorFaultKind kind, int times = 1, TimeSpan? retryAfter = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(dialect);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(times);
        lock (_gate)
        {
            _entries.Add(new Entry(dialect, operation, kind, retryAfter) { Remaining = times });
        }
    }

    /// <summary>Removes every queued fault.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }

    /// <summary>Takes the first queued fault matching a request, or null.</summary>
    internal InjectedFault? Take(string dialect, string operation)
    {
        lock (_gate)
        {
            for (var i = 0; i < _entries.Count; i++)
            {
                var e = _entries[i];
                if ((e.Dialect == "*" || string.Equals(e.Dialect, dialect, StringComparison.OrdinalIgnoreCase))
                    && (e.Operation is null || string.Equals(e.Operation, operation, StringComparison.OrdinalIgnoreCase)))
                {
                    if (--e.Remaining <= 0)
                    {
                        _entries.RemoveAt(i);
                    }

                    return new InjectedFault(e.Kind, e.RetryAfter);
                }
            }
        }

        return null;
    }

    private sealed record Entry(string Dialect, string? Operation, SimulatorFaultKind Kind, TimeSpan? RetryAfter)
    {
        public int Remaining { get; set; }
    }
}
