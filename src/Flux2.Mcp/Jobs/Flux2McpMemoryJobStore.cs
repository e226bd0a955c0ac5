using System.Runtime.InteropServices;
using System.Text.Json;
using Flux2.Agents;

namespace Flux2.Mcp;

/// <summary>
/// The in-process <see cref="IFlux2JobStore"/> (the default without <c>Flux2:Store:Redis</c>): jobs and image owners of this
/// process, forgotten <see cref="TimeToLive"/> after they were created (expired entries are swept as new ones come), and bounded:
/// beyond <see cref="MaxJobs"/> jobs or <see cref="MaxResultBytes"/> of results the oldest ended jobs are forgotten first.
/// </summary>
internal sealed class Flux2McpMemoryJobStore(TimeProvider time) : IFlux2JobStore
{
    /// <summary>How long jobs are kept in process (as long as clients may cache images).</summary>
    public static readonly TimeSpan DefaultTimeToLive = TimeSpan.FromHours(24);

    /// <summary>At most this many image owners are remembered; the oldest go first.</summary>
    internal const int MaxImageOwners = 100_000;

    /// <summary>At most this many jobs are remembered; beyond it the oldest ended ones go first (running jobs stay).</summary>
    internal const int MaxJobs = 10_000;

    /// <summary>At most this many bytes of job results (a result carries its previews) are remembered; the oldest ended jobs go first.</summary>
    internal const long MaxResultBytes = 64L * 1024 * 1024;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Flux2JobRecord> _jobs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Action>> _watchers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Owner, DateTimeOffset Expires)> _imageOwners = new(StringComparer.Ordinal);
    private readonly Queue<string> _imageOrder = new();
    private readonly Queue<string> _jobOrder = new();
    private long _resultBytes;
    private DateTimeOffset _nextSweep = DateTimeOffset.MinValue;

    /// <inheritdoc />
    public TimeSpan TimeToLive => DefaultTimeToLive;

    /// <inheritdoc />
    public ValueTask CreateAsync(Flux2JobRecord job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        lock (_gate)
        {
            Sweep();
            if (!_jobs.TryAdd(job.Id, job))
            {
                throw new InvalidOperationException($"A job with id {job.Id} exists.");
            }

            _jobOrder.Enqueue(job.Id);
            Bound();
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<Flux2JobRecord?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(Find(id));
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> ReportProgressAsync(string id, Flux2JobProgress progress, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Update(id, job => job with { Progress = progress, Message = progress.Message ?? job.Message, UpdatedAt = time.GetUtcNow() }));

    /// <inheritdoc />
    public ValueTask<bool> FinishAsync(
        string id, Flux2JobStatus status, string? message, JsonElement? result, JsonElement? output, JsonElement? protocolError = null, CancellationToken cancellationToken = default)
    {
        if (status is not (Flux2JobStatus.Completed or Flux2JobStatus.Failed))
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "A job finishes as Completed or Failed; use CancelAsync to cancel it.");
        }

        return ValueTask.FromResult(Update(id, job => job with
        {
            Status = status,
            Message = message ?? job.Message,
            Result = result,
            Output = output,
            Error = protocolError,
            UpdatedAt = time.GetUtcNow(),
        }));
    }

    /// <inheritdoc />
    public ValueTask<bool> CancelAsync(string id, CancellationToken cancellationToken = default)
    {
        List<Action>? watchers = null;
        bool cancelled;
        lock (_gate)
        {
            cancelled = UpdateLocked(id, job => job with { Status = Flux2JobStatus.Cancelled, Message = "cancelled", UpdatedAt = time.GetUtcNow() });
            if (cancelled && _watchers.Remove(id, out var found))
            {
                watchers = found;
            }
        }

        foreach (var watcher in watchers ?? [])
        {
            watcher();
        }

        return ValueTask.FromResult(cancelled);
    }

    /// <inheritdoc />
    public ValueTask<IAsyncDisposable> WatchCancellationAsync(string id, Action onCancelled, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(onCancelled);
        bool already;
        lock (_gate)
        {
            already = Find(id)?.Status == Flux2JobStatus.Cancelled;
            if (!already)
            {
                if (!_watchers.TryGetValue(id, out var list))
                {
                    _watchers[id] = list = [];
                }

                list.Add(onCancelled);
            }
        }

        if (already)
        {
            onCancelled();
        }

        return ValueTask.FromResult<IAsyncDisposable>(new Watch(this, id, onCancelled));
    }

    /// <inheritdoc />
    public ValueTask SetImageOwnerAsync(string imageId, string owner, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_imageOwners.TryAdd(imageId, (owner, time.GetUtcNow() + TimeToLive)))
            {
                _imageOrder.Enqueue(imageId);
                while (_imageOrder.Count > MaxImageOwners && _imageOrder.TryDequeue(out string? oldest))
                {
                    _imageOwners.Remove(oldest);
                }
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<string?> GetImageOwnerAsync(string imageId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(_imageOwners.TryGetValue(imageId, out var entry) && entry.Expires > time.GetUtcNow() ? entry.Owner : null);
        }
    }

    private Flux2JobRecord? Find(string id)
    {
        if (!_jobs.TryGetValue(id, out var job))
        {
            return null;
        }

        if (job.CreatedAt + TimeToLive <= time.GetUtcNow())
        {
            Forget(id);
            return null;
        }

        return job;
    }

    private bool Update(string id, Func<Flux2JobRecord, Flux2JobRecord> change)
    {
        lock (_gate)
        {
            return UpdateLocked(id, change);
        }
    }

    private bool UpdateLocked(string id, Func<Flux2JobRecord, Flux2JobRecord> change)
    {
        if (Find(id) is not { Status: Flux2JobStatus.Working } job)
        {
            return false;
        }

        var changed = change(job);
        _jobs[id] = changed;
        _resultBytes += SizeOf(changed) - SizeOf(job);
        if (changed.Status != Flux2JobStatus.Working)
        {
            Bound();
        }

        return true;
    }

    /// <summary>Forgets the oldest ended jobs while there are more than <see cref="MaxJobs"/> or their results exceed <see cref="MaxResultBytes"/>.</summary>
    private void Bound()
    {
        for (int tries = _jobOrder.Count; tries > 0 && (_jobs.Count > MaxJobs || _resultBytes > MaxResultBytes) && _jobOrder.TryDequeue(out string? oldest); tries--)
        {
            if (_jobs.TryGetValue(oldest, out var job) && job.Status == Flux2JobStatus.Working)
            {
                // Still running: it keeps its place at the back, and is looked at again once the queue comes round.
                _jobOrder.Enqueue(oldest);
                continue;
            }

            Forget(oldest);
        }
    }

    private void Forget(string id)
    {
        if (_jobs.Remove(id, out var job))
        {
            _resultBytes -= SizeOf(job);
        }

        _watchers.Remove(id);
    }

    /// <summary>The bytes a record's result and output take (their UTF-8 JSON).</summary>
    private static long SizeOf(Flux2JobRecord job) =>
        (job.Result is { } result ? JsonMarshal.GetRawUtf8Value(result).Length : 0)
        + (job.Output is { } output ? JsonMarshal.GetRawUtf8Value(output).Length : 0);

    private void Sweep()
    {
        var now = time.GetUtcNow();
        if (now < _nextSweep)
        {
            return;
        }

        _nextSweep = now + TimeSpan.FromMinutes(1);
        foreach (var id in _jobs.Where(p => p.Value.CreatedAt + TimeToLive <= now).Select(p => p.Key).ToList())
        {
            Forget(id);
        }

        while (_jobOrder.TryPeek(out string? oldest) && !_jobs.ContainsKey(oldest))
        {
            _jobOrder.Dequeue();
        }

        while (_imageOrder.TryPeek(out string? oldest) && (!_imageOwners.TryGetValue(oldest, out var entry) || entry.Expires <= now))
        {
            _imageOrder.Dequeue();
            _imageOwners.Remove(oldest);
        }
    }

    private sealed class Watch(Flux2McpMemoryJobStore store, string id, Action onCancelled) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            lock (store._gate)
            {
                if (store._watchers.TryGetValue(id, out var list))
                {
                    list.Remove(onCancelled);
                    if (list.Count == 0)
                    {
                        store._watchers.Remove(id);
                    }
                }
            }

            return ValueTask.CompletedTask;
        }
    }
}
