using System.Diagnostics;
using Flux2.Simulator.Imaging;

namespace Flux2.Simulator;

/// <summary>A queue or polling job the simulator accepted (fal queue, BFL, Replicate), observable by tests and benchmarks.</summary>
public sealed class SimulatorJob
{
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource _cancelled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _completedTimestamp;

    private Action? _releaseSlot;

    internal SimulatorJob(string id, string dialect, string model, string apiKey, GenerationSpec spec, TimeSpan latency, Action releaseSlot)
    {
        _releaseSlot = releaseSlot;
        Id = id;
        Dialect = dialect;
        Model = model;
        ApiKey = apiKey;
        Spec = spec;
        Latency = latency;
        SubmittedTimestamp = Stopwatch.GetTimestamp();
        CreatedAt = DateTimeOffset.UtcNow;
    }

    /// <summary>The provider's id of the job (fal request_id, BFL id, Replicate prediction id).</summary>
    public string Id { get; }

    /// <summary>The dialect that accepted the job (fal-queue, bfl, replicate).</summary>
    public string Dialect { get; }

    /// <summary>The model or app id the job was submitted to.</summary>
    public string Model { get; }

    /// <summary>The provider-neutral state of the job.</summary>
    public SimulatorJobStatus Status { get; private set; } = SimulatorJobStatus.Queued;

    /// <summary>True when a client cancelled the job.</summary>
    public bool Cancelled => Status == SimulatorJobStatus.Cancelled;

    /// <summary>Stopwatch timestamp of the submission.</summary>
    public long SubmittedTimestamp { get; }

    /// <summary>Stopwatch timestamp of the moment the job became COMPLETED/Ready/succeeded (or failed); 0 until then.</summary>
    public long CompletedTimestamp => Interlocked.Read(ref _completedTimestamp);

    /// <summary>Set to 1 once the job's cost was charged (BFL credits).</summary>
    internal int Charged;

    /// <summary>True when the job was cancelled before it started (Replicate: aborted).</summary>
    internal bool CancelledBeforeStart { get; set; }

    internal string ApiKey { get; }

    internal GenerationSpec Spec { get; }

    internal TimeSpan Latency { get; }

    internal DateTimeOffset CreatedAt { get; }

    internal DateTimeOffset? StartedAt { get; private set; }

    internal DateTimeOffset? CompletedAt { get; private set; }

    internal IReadOnlyList<GeneratedImage> Images { get; private set; } = [];

    /// <summary>The outcome fault that made the job fail or changed its result, if any.</summary>
    internal SimulatorFaultKind? Outcome => Spec.Outcome;

    /// <summary>Dialect-specific data such as the fal base app path or the Replicate input echo.</summary>
    internal string? Extra { get; init; }

    /// <summary>Completes when a client cancels the job.</summary>
    internal Task CancelledTask => _cancelled.Task;

    /// <summary>A task completing at the next status change.</summary>
    internal Task Changed
    {
        get
        {
            lock (_gate)
            {
                return _changed.Task;
            }
        }
    }

    /// <summary>Fraction of the latency elapsed, 0..1.</summary>
    internal double Progress
    {
        get
        {
            if (Status is SimulatorJobStatus.Completed or SimulatorJobStatus.Failed)
            {
                return 1;
            }

            if (Latency <= TimeSpan.Zero)
            {
                return 0;
            }

            return Math.Clamp(Stopwatch.GetElapsedTime(SubmittedTimestamp) / Latency, 0, 0.99);
        }
    }

    internal void MarkStarted() => Transition(SimulatorJobStatus.InProgress, j => j.StartedAt = DateTimeOffset.UtcNow);

    internal void MarkCompleted(IReadOnlyList<GeneratedImage> images, bool failed) =>
        Transition(failed ? SimulatorJobStatus.Failed : SimulatorJobStatus.Completed, j =>
        {
            j.Images = images;
            j.StartedAt ??= DateTimeOffset.UtcNow;
            j.CompletedAt = DateTimeOffset.UtcNow;
            Interlocked.Exchange(ref j._completedTimestamp, Stopwatch.GetTimestamp());
        });

    /// <summary>Cancels the job if it has not finished; returns false when it already had.</summary>
    internal bool TryCancel()
    {
        var cancelled = Transition(SimulatorJobStatus.Cancelled, j => j.CompletedAt = DateTimeOffset.UtcNow);
        if (cancelled)
        {
            _cancelled.TrySetResult();
        }

        return cancelled;
    }

    /// <summary>Returns the API key's concurrency slot (once).</summary>
    internal void ReleaseSlot() => Interlocked.Exchange(ref _releaseSlot, null)?.Invoke();

    internal bool IsFinished => Status is SimulatorJobStatus.Completed or SimulatorJobStatus.Failed or SimulatorJobStatus.Cancelled;

    private bool Transition(SimulatorJobStatus status, Action<SimulatorJob> apply)
    {
        TaskCompletionSource previous;
        lock (_gate)
        {
            if (IsFinished)
            {
                return false;
            }

            apply(this);
            if (status is SimulatorJobStatus.Completed or SimulatorJobStatus.Failed or SimulatorJobStatus.Cancelled)
            {
                // The concurrency slot is free by the time a client can observe the final state.
                ReleaseSlot();
            }

            Status = status;
            previous = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        previous.TrySetResult();
        return true;
    }
}
