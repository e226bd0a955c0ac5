namespace Flux2.Client;

/// <summary>Follows one fal job's statuses: reports progress, measures queue time, and tells when the job moved.</summary>
internal sealed class FalJobTracker
{
    private readonly string _provider;
    private readonly string _requestId;
    private readonly IProgress<Flux2Progress>? _progress;
    private readonly TimeProvider _timeProvider;
    private readonly long _submitted;
    private string? _lastStatus;
    private int? _lastPosition;
    private int _lastLogCount;
    private bool _moved;

    /// <summary>Creates a tracker for a job submitted at <paramref name="submitted"/> (a <see cref="TimeProvider"/> timestamp).</summary>
    public FalJobTracker(string provider, string requestId, IProgress<Flux2Progress>? progress, TimeProvider timeProvider, long submitted)
    {
        _provider = provider;
        _requestId = requestId;
        _progress = progress;
        _timeProvider = timeProvider;
        _submitted = submitted;
    }

    /// <summary>Time from submit to the first IN_PROGRESS (or completion), once seen.</summary>
    public TimeSpan? QueueTime { get; private set; }

    /// <summary>Takes a status in; returns true when the job is COMPLETED.</summary>
    public bool Observe(FalStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        string word = status.Status?.ToUpperInvariant() ?? "";
        int logCount = status.Logs?.Count ?? 0;
        bool changed = word != _lastStatus || status.QueuePosition != _lastPosition || logCount != _lastLogCount;
        _moved |= changed;
        if (word is "IN_PROGRESS" or "COMPLETED" && QueueTime is null)
        {
            QueueTime = _timeProvider.GetElapsedTime(_submitted);
        }

        if (changed && _progress is not null)
        {
            _progress.Report(new Flux2Progress
            {
                Status = word switch
                {
                    "IN_QUEUE" => Flux2ProgressStatus.Queued,
                    "COMPLETED" => Flux2ProgressStatus.Completed,
                    _ => Flux2ProgressStatus.Running,
                },
                QueuePosition = word == "IN_QUEUE" ? status.QueuePosition : null,
                Message = status.Logs is { Count: > 0 } logs ? logs[^1].Message : null,
                Provider = _provider,
                RequestId = _requestId,
            });
        }

        _lastStatus = word;
        _lastPosition = status.QueuePosition;
        _lastLogCount = logCount;
        return word == "COMPLETED";
    }

    /// <summary>True when the job moved since the previous call (and resets the flag).</summary>
    public bool MovedSinceLastCheck()
    {
        bool moved = _moved;
        _moved = false;
        return moved;
    }
}
