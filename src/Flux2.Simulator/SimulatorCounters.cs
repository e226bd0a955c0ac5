using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Flux2.Simulator;

/// <summary>Counts the requests the simulator received, per dialect and operation (for example fal-queue/submit), so tests can assert what was sent.</summary>
public sealed class SimulatorCounters
{
    private readonly ConcurrentDictionary<(string Dialect, string Operation), StrongBox<long>> _counts = new();
    private readonly ConcurrentDictionary<(string Dialect, string Endpoint, string Field), StrongBox<long>> _unknownFields = new();
    private long _total;
    private long _unknownTotal;

    /// <summary>The number of requests received for a dialect and operation since start or the last <see cref="Reset"/>.</summary>
    public long Get(string dialect, string operation) =>
        _counts.TryGetValue((dialect, operation), out var box) ? Interlocked.Read(ref box.Value) : 0;

    /// <summary>The number of requests received for all dialects and operations.</summary>
    public long Total => Interlocked.Read(ref _total);

    /// <summary>
    /// Fields received that the endpoint's schema does not list (the provider would ignore them silently), in total
    /// since start or the last <see cref="Reset"/>: a drifted adapter shows up here.
    /// </summary>
    public long UnknownFields => Interlocked.Read(ref _unknownTotal);

    /// <summary>How often one field the endpoint's schema does not list was received.</summary>
    public long GetUnknownField(string dialect, string endpoint, string field) =>
        _unknownFields.TryGetValue((dialect, endpoint, field), out var box) ? Interlocked.Read(ref box.Value) : 0;

    /// <summary>Every unknown field received so far, as "dialect endpoint field".</summary>
    public IReadOnlyList<string> UnknownFieldNames =>
        [.. _unknownFields.Where(p => Interlocked.Read(ref p.Value.Value) > 0).Select(p => $"{p.Key.Dialect} {p.Key.Endpoint} {p.Key.Field}")];

    /// <summary>Sets every counter back to zero.</summary>
    public void Reset()
    {
        foreach (var box in _counts.Values)
        {
            Interlocked.Exchange(ref box.Value, 0);
        }

        foreach (var box in _unknownFields.Values)
        {
            Interlocked.Exchange(ref box.Value, 0);
        }

        Interlocked.Exchange(ref _total, 0);
        Interlocked.Exchange(ref _unknownTotal, 0);
    }

    internal void RecordUnknownField(string dialect, string endpoint, string field)
    {
        var box = _unknownFields.GetOrAdd((dialect, endpoint, field), static _ => new StrongBox<long>());
        Interlocked.Increment(ref box.Value);
        Interlocked.Increment(ref _unknownTotal);
    }

    internal void Increment(string dialect, string operation)
    {
        var box = _counts.GetOrAdd((dialect, operation), static _ => new StrongBox<long>());
        Interlocked.Increment(ref box.Value);
        Interlocked.Increment(ref _total);
    }
}
