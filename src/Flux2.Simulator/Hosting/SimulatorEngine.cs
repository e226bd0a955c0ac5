using System.Collections.Concurrent;
using System.Globalization;
using Flux2.Simulator.Imaging;

namespace Flux2.Simulator.Hosting;

/// <summary>The state shared by every dialect: options, counters, faults, jobs, images and the CDN.</summary>
internal sealed class SimulatorEngine : IDisposable
{
    private readonly ConcurrentDictionary<string, StoredFile> _files = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private long _additions;

    public SimulatorEngine(SimulatorOptions options, ILogger logger)
    {
        Options = options;
        Logger = logger;
    }

    public SimulatorOptions Options { get; }

    public ILogger Logger { get; }

    public SimulatorCounters Counters { get; } = new();

    public SimulatorFaults Faults { get; } = new();

    public SimulatorRequestLog Requests { get; } = new();

    public ConcurrentDictionary<string, SimulatorJob> Jobs { get; } = new(StringComparer.Ordinal);

    public ImageCache Images { get; } = new(256L * 1024 * 1024);

    public ConcurrencyGate Gate { get; } = new();

    /// <summary>The server's base URL with a trailing slash, set once Kestrel listens.</summary>
    public Uri BaseUrl { get; set; } = new("http://127.0.0.1/");

    /// <summary>The same server under another host name (127.0.0.1 &lt;-&gt; localhost).</summary>
    public Uri AlternateBaseUrl
    {
        get
        {
            var builder = new UriBuilder(BaseUrl);
            builder.Host = builder.Host switch
            {
                "127.0.0.1" => "localhost",
                "localhost" => "127.0.0.1",
                "[::1]" or "::1" => "localhost",
                _ => "127.0.0.1",
            };
            return builder.Uri;
        }
    }

    /// <summary>Cancelled when the server stops.</summary>
    public CancellationToken Stopping => _stopping.Token;

    /// <summary>Middleware: records the request (its body read into a rewindable buffer) before the dialect handles it.</summary>
    public async Task RecordAsync(HttpContext context, RequestDelegate next)
    {
        context.Request.EnableBuffering();
        string body;
        using (var reader = new StreamReader(context.Request.Body, leaveOpen: true))
        {
            body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        }

        context.Request.Body.Position = 0;
        Requests.Add(new SimulatorRequest(context.Request.Method, context.Request.Path + context.Request.QueryString, body));
        await next(context).ConfigureAwait(false);
    }

    /// <summary>The latency for a request: the x-sim-latency-ms header or the configured latency.</summary>
    public TimeSpan LatencyFor(HttpContext context)
    {
        var header = context.Request.Headers["x-sim-latency-ms"].ToString();
        return int.TryParse(header, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms) && ms >= 0
            ? TimeSpan.FromMilliseconds(ms)
            : Options.Latency;
    }

    /// <summary>
    /// A random seed for a request that gave none, as providers do: two seedless requests get different images.
    /// (Benchmarks that must stay off the render cost pass a fixed seed, which hits the render cache.)
    /// </summary>
    public static long RandomSeed() => Random.Shared.NextInt64(1, int.MaxValue);

    /// <summary>A new opaque id.</summary>
    public static string NewId() => Guid.NewGuid().ToString("N");

    /// <summary>Renders (or fetches from cache) the images of a spec and registers them on the CDN.</summary>
    public async Task<IReadOnlyList<GeneratedImage>> GenerateAsync(GenerationSpec spec)
    {
        var count = spec.Outcome == SimulatorFaultKind.EmptyImages ? 0 : spec.Count;
        var tasks = new Task<RenderedImage>[count];
        var keys = new ImageKey[count];
        for (var i = 0; i < count; i++)
        {
            var flagged = spec.Outcome == SimulatorFaultKind.NsfwFlagged && i == 0;
            keys[i] = new ImageKey(spec.Prompt, spec.Seed + i, spec.Width, spec.Height, spec.Format, flagged, spec.ContentCredentials);
            tasks[i] = Images.GetAsync(keys[i]);
        }

        var rendered = await Task.WhenAll(tasks).ConfigureAwait(false);
        var expires = spec.Outcome == SimulatorFaultKind.ExpiredResultUrl
            ? DateTimeOffset.UtcNow.AddSeconds(-1)
            : DateTimeOffset.UtcNow + Options.ResultUrlLifetime;
        var result = new GeneratedImage[count];
        for (var i = 0; i < count; i++)
        {
            var id = NewId();
            var fileName = $"{id[..12]}.{SimImageFormats.Extension(spec.Format)}";
            _files[id] = new StoredFile(keys[i], expires);
            PruneNow();
            result[i] = new GeneratedImage(rendered[i], keys[i].Seed, new Uri(BaseUrl, $"files/{id}/{fileName}").ToString(), fileName, keys[i].Blank);
        }

        return result;
    }

    /// <summary>Finds a file registered by <see cref="GenerateAsync"/>.</summary>
    public StoredFile? FindFile(string id) => _files.GetValueOrDefault(id);

    /// <summary>Creates and runs a queue/polling job; the caller has already taken the API key's concurrency slot.</summary>
    public SimulatorJob StartJob(string id, string dialect, string model, string apiKey, GenerationSpec spec, TimeSpan latency, string? extra = null)
    {
        var job = new SimulatorJob(id, dialect, model, apiKey, spec, latency, () => Gate.Release(apiKey)) { Extra = extra };
        Jobs[job.Id] = job;
        PruneNow();
        _ = RunJobAsync(job);
        return job;
    }

    private async Task RunJobAsync(SimulatorJob job)
    {
        // Rendering starts at submit, in parallel with the simulated wait, so it stays off the latency path.
        var render = job.Spec.Outcome is SimulatorFaultKind.JobFailed or SimulatorFaultKind.ContentPolicy or SimulatorFaultKind.Moderated
            ? Task.FromResult<IReadOnlyList<GeneratedImage>>([])
            : GenerateAsync(job.Spec);
        try
        {
            var queued = job.Latency / 5;
            if (!await WaitAsync(job, queued).ConfigureAwait(false))
            {
                return;
            }

            job.MarkStarted();
            if (!await WaitAsync(job, job.Latency - queued).ConfigureAwait(false))
            {
                return;
            }

            var images = await render.ConfigureAwait(false);
            var failed = job.Spec.Outcome is SimulatorFaultKind.JobFailed or SimulatorFaultKind.ContentPolicy or SimulatorFaultKind.Moderated;
            job.MarkCompleted(images, failed);
        }
        catch (OperationCanceledException)
        {
            // Cancelled by the client or the server is stopping.
        }
        catch (Exception ex)
        {
            Logger.LogError(ex, "Simulated job {JobId} crashed.", job.Id);
            job.MarkCompleted([], failed: true);
        }
        finally
        {
            job.ReleaseSlot();
        }
    }

    private async Task<bool> WaitAsync(SimulatorJob job, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            return !job.CancelledTask.IsCompleted;
        }

        var wait = Task.Delay(delay, Stopping);
        return await Task.WhenAny(wait, job.CancelledTask).ConfigureAwait(false) == wait && wait.IsCompletedSuccessfully;
    }

    /// <summary>Waits until the job finishes or <paramref name="timeout"/> elapses; true when it finished.</summary>
    public async Task<bool> WaitFinishedAsync(SimulatorJob job, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, Stopping);
        linked.CancelAfter(timeout);
        try
        {
            while (true)
            {
                var changed = job.Changed;
                if (job.IsFinished)
                {
                    return true;
                }

                await changed.WaitAsync(linked.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            return job.IsFinished;
        }
    }

    /// <summary>Every 4096 additions, forgets expired files and jobs finished more than an hour ago, so a long-running simulator stays bounded.</summary>
    private void PruneNow()
    {
        if (Interlocked.Increment(ref _additions) % 4096 != 0)
        {
            return;
        }

        var now = DateTimeOffset.UtcNow;
        foreach (var (id, file) in _files)
        {
            if (file.ExpiresAt < now)
            {
                _files.TryRemove(id, out _);
            }
        }

        foreach (var (id, job) in Jobs)
        {
            if (job.IsFinished && job.CompletedAt < now.AddHours(-1))
            {
                Jobs.TryRemove(id, out _);
            }
        }
    }

    public void Stop() => _stopping.Cancel();

    public void Dispose() => _stopping.Dispose();
}
