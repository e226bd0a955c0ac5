using System.Text.Json;
using Flux2.Agents;
using Flux2.Client;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace Flux2.Mcp;

/// <summary>
/// A generate_image job running in this process on a token of its own, so the call that started it can return or go away
/// without cancelling it. It is kept only here until it is published (a task from the start, or a job handle once a call
/// stops waiting); from then on its progress and end are written to the <see cref="IFlux2JobStore"/>, and a cancel through
/// the store, from any process, stops it.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "The SemaphoreSlim never makes a wait handle (AvailableWaitHandle is not read), and the token source is disposed when the job ends.")]
internal sealed class Flux2McpRunningJob
{
    private readonly IFlux2JobStore _store;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _cancel;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IProgress<Flux2Progress>? _listener;
    private Flux2JobProgress _progress = new() { Status = "submitted", Message = "submitted; waiting for the provider" };
    private Flux2JobProgress? _unwritten;
    private IAsyncDisposable? _watch;
    private ITimer? _heartbeat;
    private int _writing;
    private bool _published;
    private bool _ended;

    private Flux2McpRunningJob(IFlux2JobStore store, ILogger logger, TimeProvider time, string id, string owner, int numImages, bool published, CancellationToken explicitCancel)
    {
        _store = store;
        _logger = logger;
        _time = time;
        Id = id;
        Owner = owner;
        NumImages = numImages;
        StartedAt = time.GetUtcNow();
        _published = published;
        _cancel = CancellationTokenSource.CreateLinkedTokenSource(explicitCancel);
        Completion = Task.FromCanceled<CallToolResult>(new CancellationToken(canceled: true));
    }

    /// <summary>The job id (and task id; the handle is <c>flux2://jobs/{id}</c>).</summary>
    public string Id { get; }

    /// <summary>Who started it.</summary>
    public string Owner { get; }

    /// <summary>How many images were asked for.</summary>
    public int NumImages { get; }

    /// <summary>When it started.</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>The result, when the job ends; cancelled when the job was.</summary>
    public Task<CallToolResult> Completion { get; private set; }

    /// <summary>The newest progress.</summary>
    public Flux2JobProgress Progress => Volatile.Read(ref _progress);

    /// <summary>Starts <paramref name="work"/> in the background; a published job (a task) watches the store for a cancel at once.</summary>
    public static async Task<Flux2McpRunningJob> StartAsync(
        IFlux2JobStore store,
        ILogger logger,
        TimeProvider time,
        string id,
        string owner,
        int numImages,
        bool published,
        Func<IProgress<Flux2Progress>, CancellationToken, Task<Flux2McpJobOutcome>> work,
        CancellationToken explicitCancel)
    {
        var job = new Flux2McpRunningJob(store, logger, time, id, owner, numImages, published, explicitCancel);
        if (published)
        {
            job._watch = await store.WatchCancellationAsync(id, job.CancelHere, CancellationToken.None).ConfigureAwait(false);
            job.StartHeartbeat();
        }

        job.Completion = Task.Run(() => job.RunAsync(work), CancellationToken.None);
        return job;
    }

    /// <summary>Sends progress to <paramref name="listener"/> too (a waiting call's progress notifications), or stops with null.</summary>
    public void Listen(IProgress<Flux2Progress>? listener) => Volatile.Write(ref _listener, listener);

    /// <summary>
    /// Writes the job to the store so it outlives the call that waits for it (a handle); false when it has already ended (the
    /// caller takes <see cref="Completion"/>) or could not be written (logged; the caller keeps waiting).
    /// </summary>
    public async Task<bool> PublishAsync(DateTimeOffset now)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_ended)
            {
                return false;
            }

            if (!_published)
            {
                var progress = Progress;
                await _store.CreateAsync(new Flux2JobRecord
                {
                    Id = Id,
                    Owner = Owner,
                    Tool = Flux2ToolNames.GenerateImage,
                    CreatedAt = StartedAt,
                    UpdatedAt = now,
                    NumImages = NumImages,
                    Progress = progress,
                    Message = progress.Message,
                }).ConfigureAwait(false);
                Volatile.Write(ref _published, true);
                _watch = await _store.WatchCancellationAsync(Id, CancelHere).ConfigureAwait(false);
                StartHeartbeat();
            }

            return true;
        }
        catch (Exception ex) when (ex is Flux2Exception or InvalidOperationException)
        {
            _logger.LogWarning("Could not keep job {Id} for its handle: {Message}", Id, ex.Message);
            return false;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Cancels the job (and the provider's job); the store records it when the job is published.</summary>
    public void Cancel() => CancelHere();

    // Touches the record now and then, so readers can tell a running job from one whose server stopped (Flux2McpJobLiveness).
    private void StartHeartbeat() =>
        _heartbeat = _time.CreateTimer(static state => ((Flux2McpRunningJob)state!).Touch(), this, Flux2McpJobLiveness.Heartbeat, Flux2McpJobLiveness.Heartbeat);

    private void Touch()
    {
        Volatile.Write(ref _unwritten, Progress);
        if (Interlocked.Exchange(ref _writing, 1) == 0)
        {
            _ = WriteProgressAsync();
        }
    }

    private void CancelHere()
    {
        try
        {
            _cancel.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The job has ended.
        }
    }

    private async Task<CallToolResult> RunAsync(Func<IProgress<Flux2Progress>, CancellationToken, Task<Flux2McpJobOutcome>> work)
    {
        var token = _cancel.Token;
        try
        {
            Flux2McpJobOutcome outcome;
            try
            {
                outcome = await work(new Sink(this), token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !token.IsCancellationRequested)
            {
                _logger.LogError(ex, "Job {Id} failed unexpectedly", Id);
                var error = Flux2ToolError.From(ex);
                outcome = new Flux2McpJobOutcome(
                    Flux2McpResultRenderer.Render(error),
                    JsonSerializer.SerializeToElement(error, Flux2AgentsJsonContext.Default.Flux2ToolError),
                    IsError: true,
                    error.ToString(),
                    []);
            }

            await RecordOwnersAsync(outcome.ImageIds).ConfigureAwait(false);
            await EndAsync(async () => await _store.FinishAsync(
                Id,
                outcome.IsError ? Flux2JobStatus.Failed : Flux2JobStatus.Completed,
                outcome.Message,
                JsonSerializer.SerializeToElement(outcome.Result, McpJsonUtilities.DefaultOptions.GetTypeInfo<CallToolResult>()),
                outcome.Output).ConfigureAwait(false)).ConfigureAwait(false);
            return outcome.Result;
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            await EndAsync(async () => await _store.CancelAsync(Id).ConfigureAwait(false)).ConfigureAwait(false);
            throw;
        }
        finally
        {
            if (Interlocked.Exchange(ref _watch, null) is { } watch)
            {
                await watch.DisposeAsync().ConfigureAwait(false);
            }

            Interlocked.Exchange(ref _heartbeat, null)?.Dispose();

            _cancel.Dispose();
        }
    }

    private async Task EndAsync(Func<Task> write)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            _ended = true;
            if (_published)
            {
                await write().ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is Flux2Exception or InvalidOperationException)
        {
            _logger.LogWarning("Could not record the end of job {Id}: {Message}", Id, ex.Message);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task RecordOwnersAsync(IReadOnlyList<string> imageIds)
    {
        if (Owner == Flux2McpCaller.Anonymous)
        {
            return;
        }

        foreach (string imageId in imageIds)
        {
            try
            {
                await _store.SetImageOwnerAsync(imageId, Owner).ConfigureAwait(false);
            }
            catch (Flux2Exception ex)
            {
                _logger.LogWarning("Could not record the owner of image {Id}: {Message}", imageId, ex.Message);
            }
        }
    }

    private void Report(Flux2Progress value)
    {
        var progress = new Flux2JobProgress
        {
            Status = value.Status.ToString().ToLowerInvariant(),
            QueuePosition = value.QueuePosition,
            Fraction = value.Fraction,
            Message = Flux2McpProgressRelay.Describe(value),
            Provider = value.Provider,
            RequestId = value.RequestId,
        };
        Volatile.Write(ref _progress, progress);
        Volatile.Read(ref _listener)?.Report(value);
        if (Volatile.Read(ref _published))
        {
            Touch();
        }
    }

    // One write at a time, always the newest report: a burst of progress costs one or two store writes.
    private async Task WriteProgressAsync()
    {
        do
        {
            while (Interlocked.Exchange(ref _unwritten, null) is { } next)
            {
                try
                {
                    await _store.ReportProgressAsync(Id, next).ConfigureAwait(false);
                }
                catch (Flux2Exception ex)
                {
                    _logger.LogDebug("Could not record the progress of job {Id}: {Message}", Id, ex.Message);
                }
            }

            Volatile.Write(ref _writing, 0);
        }
        while (Volatile.Read(ref _unwritten) is not null && Interlocked.Exchange(ref _writing, 1) == 0);
    }

    private sealed class Sink(Flux2McpRunningJob job) : IProgress<Flux2Progress>
    {
        public void Report(Flux2Progress value) => job.Report(value);
    }
}
