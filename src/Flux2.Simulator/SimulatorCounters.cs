using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Flux2.Simulator;

/// <summary>Counts the requests the simulator received, per dialect and operation (for example fal-queue/submit), so tests can assert what was sent.</summary>
public sealed class SimulatorCounters
{
    private readonly ConcurrentDictionary<(string Dialect, string Operation), StrongBox<long>> _counts = new();
    private long _total;

    /// <summary>The number of requests received for a dialect and operation since start or the last <see cref="Reset"/>.</summary>
    public long Get(string dialect, string operation) =>
        _counts.TryGetValue((dialect, operation), out var box) ? Interlocked.Read(ref box.Value) : 0;

    /// <summary>The number of requests received for all dialects and operations.</summary>
    public long Total => Interlocked.Read(ref _total);

    /// <summary>Sets every counter back to zero.</summary>
    public void Reset()
    {
        foreach (var box in _counts.Values)
        {
            Interlocked.Exchange(ref box.Value, 0);
        }

        Interlocked.Exchange(ref _total, 0);
    }

    internal void Increment(string dialect, string operation)
    {
        var box = _counts.GetOrAdd((dialect, operation), static _ => new StrongBox<long>());
        Interlocked.Increment(ref box.Value);
        Interlocked.Increment(ref _total);
    }
}
