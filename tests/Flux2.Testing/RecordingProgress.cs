using System.Collections.Concurrent;

namespace Flux2.Testing;

/// <summary>
/// An <see cref="IProgress{T}"/> that records each report as it is made (<see cref="Progress{T}"/> would post it to the thread pool
/// for later), and can run an action on the first one.
/// </summary>
public sealed class RecordingProgress<T>(Action<T>? onFirst = null) : IProgress<T>
{
    private readonly ConcurrentQueue<T> _reports = new();
    private int _count;

    /// <summary>The reports so far, in order.</summary>
    public IReadOnlyList<T> Reports => [.. _reports];

    /// <inheritdoc/>
    public void Report(T value)
    {
        _reports.Enqueue(value);
        if (Interlocked.Increment(ref _count) == 1)
        {
            onFirst?.Invoke(value);
        }
    }
}
