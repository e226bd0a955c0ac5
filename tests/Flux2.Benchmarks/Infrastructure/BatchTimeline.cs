using System.Diagnostics;
using System.Globalization;
using System.Text;
using Flux2.Simulator;

namespace Flux2.Benchmarks;

/// <summary>
/// Watches one batch run against the simulator: samples the dialect's submit counter every few milliseconds and time-stamps the
/// batch's concurrency notices, then rebuilds from the simulator's jobs where the wall time went (start-up, the simulator's slots
/// busy or idle, the drain after the last submit, the tail after the last job) and, per 100 ms, the jobs in flight and the 429s.
/// </summary>
internal sealed class BatchTimeline : IAsyncDisposable
{
    /// <summary>Width of one timeline bucket.</summary>
    public const double BucketMs = 100;

    private readonly SimulatorServer _simulator;
    private readonly string _dialect;
    private readonly long _before;
    private readonly List<(long Timestamp, long Submits)> _submits = [];
    private readonly List<(long Timestamp, string Text)> _notices = [];
    private readonly StringBuilder _stderr = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    /// <summary>Starts watching <paramref name="dialect"/> (for example fal-queue) now.</summary>
    public BatchTimeline(SimulatorServer simulator, string dialect)
    {
        _simulator = simulator;
        _dialect = dialect;
        _before = simulator.Counters.Get(dialect, "submit");
        Started = Stopwatch.GetTimestamp();
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Stopwatch timestamp of the start (just before the spawn).</summary>
    public long Started { get; }

    /// <summary>The batch's stderr, each line prefixed with its arrival (ms from the spawn).</summary>
    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>Records a stderr line of the batch when it announces a concurrency change ("rate limited: concurrency 16 -> 8").</summary>
    public void OnStderrLine(string line)
    {
        lock (_stderr)
        {
            _stderr.Append(CultureInfo.InvariantCulture, $"{Ms(Started, Stopwatch.GetTimestamp()),8:0.0} {line}\n");
        }

        if (line.Contains("concurrency ", StringComparison.Ordinal) && line.Contains(" -> ", StringComparison.Ordinal))
        {
            lock (_notices)
            {
                _notices.Add((Stopwatch.GetTimestamp(), line.Trim()));
            }
        }
    }

    /// <summary>Stops sampling.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    /// <summary>Rebuilds the run from the samples and the simulator's jobs; <paramref name="wallMs"/> is the process's wall time.</summary>
    public BatchAnalysis Analyze(double wallMs, int limit, int initialConcurrency)
    {
        long submits = _simulator.Counters.Get(_dialect, "submit") - _before;
        SimulatorJob[] accepted = [.. _simulator.Jobs.Where(j => j.Dialect == _dialect && j.SubmittedTimestamp >= Started)];
        SimulatorJob[] done = [.. accepted.Where(j => j.CompletedTimestamp != 0)];
        (long Timestamp, string Text)[] notices;
        lock (_notices)
        {
            notices = [.. _notices];
        }

        int decreases = notices.Count(n => n.Text.Contains("rate limited", StringComparison.Ordinal));
        int lowest = notices.Select(n => int.TryParse(n.Text[(n.Text.LastIndexOf("-> ", StringComparison.Ordinal) + 3)..].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) ? v : initialConcurrency)
            .DefaultIfEmpty(initialConcurrency).Min();
        var analysis = new BatchAnalysis
        {
            Refused = (int)Math.Max(0, submits - accepted.Length),
            Decreases = decreases,
            LowestLimit = lowest,
            Notices = [.. notices.Select(n => $"{Ms(Started, n.Timestamp):0} ms {n.Text}")],
        };
        if (done.Length == 0)
        {
            return analysis;
        }

        long first = done.Min(j => j.SubmittedTimestamp);
        long lastSubmit = done.Max(j => j.SubmittedTimestamp);
        long last = done.Max(j => j.CompletedTimestamp);
        double spanMs = Ms(first, last);
        double busyMs = done.Sum(j => Ms(j.SubmittedTimestamp, j.CompletedTimestamp));

        // Slot time lost while lines were still being submitted (the scheduler's share) vs during the drain after the last submit.
        double steadyMs = Ms(first, lastSubmit);
        double steadyBusy = done.Sum(j => Overlap(Ms(first, j.SubmittedTimestamp), Ms(first, j.CompletedTimestamp), 0, steadyMs));

        // Per bucket: mean jobs in flight, submits accepted, submits refused.
        int buckets = (int)Math.Ceiling(wallMs / BucketMs) + 1;
        double[] inFlight = new double[buckets];
        int[] acceptedPer = new int[buckets];
        int[] submitsPer = new int[buckets];
        foreach (SimulatorJob job in done)
        {
            double from = Ms(Started, job.SubmittedTimestamp);
            double to = Ms(Started, job.CompletedTimestamp);
            acceptedPer[Math.Clamp((int)(from / BucketMs), 0, buckets - 1)]++;
            for (int b = Math.Max(0, (int)(from / BucketMs)); b < buckets && b * BucketMs < to; b++)
            {
                inFlight[b] += Overlap(from, to, b * BucketMs, (b + 1) * BucketMs) / BucketMs;
            }
        }

        (long Timestamp, long Submits)[] samples;
        lock (_submits)
        {
            samples = [.. _submits];
        }

        long previous = 0;
        foreach ((long timestamp, long count) in samples)
        {
            int b = Math.Clamp((int)(Ms(Started, timestamp) / BucketMs), 0, buckets - 1);
            submitsPer[b] += (int)(count - previous);
            previous = count;
        }

        submitsPer[buckets - 1] += (int)Math.Max(0, submits - previous);
        var rows = new StringBuilder();
        var refusedRow = new StringBuilder();
        var csv = new StringBuilder("bucket_ms,mean_in_flight,accepted,refused_429\n");
        int submitted = 0, admitted = 0, counted = 0;
        for (int b = 0; b < buckets; b++)
        {
            // Sampling lags the counter by up to one period, so a submit can land a bucket after its job: count only the rise of
            // the running total of refusals (submits minus jobs), never a transient dip and its recovery.
            submitted += submitsPer[b];
            admitted += acceptedPer[b];
            int refused = Math.Max(0, submitted - admitted - counted);
            counted += refused;
            rows.Append(inFlight[b] < 0.05 ? '.' : (char)('0' + Math.Clamp((int)Math.Round(inFlight[b]), 0, 9)));
            refusedRow.Append(refused == 0 ? '.' : refused < 10 ? (char)('0' + refused) : '+');
            csv.Append(CultureInfo.InvariantCulture, $"{b * BucketMs:0},{inFlight[b]:0.00},{acceptedPer[b]},{refused}\n");
        }

        var jobsCsv = new StringBuilder("submitted_ms,completed_ms\n");
        foreach (SimulatorJob job in done.OrderBy(j => j.SubmittedTimestamp))
        {
            jobsCsv.Append(CultureInfo.InvariantCulture, $"{Ms(Started, job.SubmittedTimestamp):0.0},{Ms(Started, job.CompletedTimestamp):0.0}\n");
        }

        return analysis with
        {
            JobsCsv = jobsCsv.ToString(),
            StartMs = Ms(Started, first),
            SpanMs = spanMs,
            MeanInFlight = busyMs / spanMs,
            IdleSlotMs = Math.Max(0, (limit * spanMs) - busyMs),
            SteadyIdleSlotMs = Math.Max(0, (limit * steadyMs) - steadyBusy),
            DrainMs = Ms(lastSubmit, last),
            TailMs = wallMs - Ms(Started, last),
            InFlightRow = rows.ToString(),
            RefusedRow = refusedRow.ToString(),
            Csv = csv.ToString(),
        };
    }

    private static double Ms(long from, long to) => Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;

    private static double Overlap(double from, double to, double low, double high) => Math.Max(0, Math.Min(to, high) - Math.Max(from, low));

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(5));
        while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
        {
            long now = Stopwatch.GetTimestamp();
            long count = _simulator.Counters.Get(_dialect, "submit") - _before;
            lock (_submits)
            {
                if (_submits.Count == 0 || _submits[^1].Submits != count)
                {
                    _submits.Add((now, count));
                }
            }
        }
    }
}
