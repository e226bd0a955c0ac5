using System.Diagnostics;
using System.Globalization;
using Flux2.Simulator;

namespace Flux2.Benchmarks;

/// <summary>
/// Issue 18, item 5: a replica serving remote clients stays bounded. Tens of thousands of <c>generate_image</c> calls over HTTP
/// (16 SDK sessions at a time, each reconnecting every 200 calls, simulator latency 0) against one published flux2-mcp with
/// <c>Flux2:Mcp:RemoteClients=true</c> and saving turned on, so every bound is exercised: the output folder's retention
/// (<c>Flux2:Tools:OutputMaxMegabytes</c>), the image store's memory and disk caches (<c>MemoryCacheMegabytes</c>,
/// <c>DiskCacheMegabytes</c>), all 32 MB here so they fill within the first tenth. The server's RSS and the size of its output and
/// cache folders are sampled twice a second. Rule: once the caches have filled (by the end of the first third), the largest value
/// in the last third is at most 5% above the largest in the middle third, for RSS and for disk alike; 0 errors.
/// </summary>
internal sealed class McpSoakBenchmark : IBenchmark
{
    private const int Sessions = 16;
    private const int CallsPerConnection = 200;
    private const int CacheMegabytes = 32;
    private const double AllowedGrowth = 0.05;
    private static readonly TimeSpan SampleEvery = TimeSpan.FromMilliseconds(500);

    public string Name => "mcp-soak";

    public string Description => "30,000 generate_image over HTTP on one remote-clients replica, latency 0: RSS and disk flat once the caches fill (last third <= +5%)";

    public async Task RunAsync(BenchOptions options, BenchReport report, CancellationToken cancellationToken)
    {
        int total = options.Quick ? 3_200 : 32_000;
        string published = await DotnetBuilds.PublishAsync(options, "Flux2.Mcp", cancellationToken: cancellationToken).ConfigureAwait(false);
        await using SimulatorServer simulator = await SimulatorServer.StartAsync(new SimulatorOptions { Latency = TimeSpan.Zero }, cancellationToken).ConfigureAwait(false);
        string folder = Path.Combine(options.WorkDirectory, "mcp-soak");
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
        string megabytes = CacheMegabytes.ToString(CultureInfo.InvariantCulture);
        var settings = new Dictionary<string, string?>
        {
            ["Flux2__Mcp__RemoteClients"] = "true",
            ["Flux2__Tools__SaveImages"] = "true",
            ["Flux2__Tools__OutputMaxMegabytes"] = megabytes,
            ["Flux2__Tools__MemoryCacheMegabytes"] = megabytes,
            ["Flux2__Tools__DiskCacheMegabytes"] = megabytes,
        };
        BenchReport.Note($"load average at start: {Machine.LoadAverage()}");
        await using McpHttpReplica replica = await McpHttpReplica.StartAsync("soak replica", published, simulator, folder, 64, settings, cancellationToken).ConfigureAwait(false);
        BenchReport.Note($"replica 127.0.0.1:{replica.Port}: RemoteClients, SaveImages on, OutputMaxMegabytes, MemoryCacheMegabytes and DiskCacheMegabytes {megabytes}");

        int done = 0;
        var samples = new List<Sample>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        long started = Stopwatch.GetTimestamp();
        Task sampling = SampleAsync(replica, () => Volatile.Read(ref done), samples, started, stop.Token);
        var runs = new List<McpLoadRun>();
        try
        {
            int callsPerWave = Sessions * CallsPerConnection;
            for (int wave = 0; wave * callsPerWave < total; wave++)
            {
                // A new connection per session each wave: sessions end (DELETE) and new ones start, as users come and go.
                McpLoadRun run = await McpLoad.RunAsync(replica.Endpoint, Sessions, CallsPerConnection,
                    (session, call) => McpLoad.Generate((session * 7) + (call % 7), "a soak test of a hosted replica"), cancellationToken,
                    () => Interlocked.Increment(ref done)).ConfigureAwait(false);
                runs.Add(run);
                Sample newest;
                lock (samples)
                {
                    newest = samples.Count > 0 ? samples[^1] : default;
                }

                BenchReport.Note($"wave {wave + 1}: {run.Describe()}; RSS {BenchReport.Bytes(newest.Rss)}, output {BenchReport.Bytes(newest.OutputBytes)} in {newest.OutputFiles} files, cache {BenchReport.Bytes(newest.CacheBytes)}");
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await sampling.ConfigureAwait(false);
        }

        double seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        int errors = runs.Sum(r => r.Errors);
        int calls = runs.Sum(r => r.Latencies.Count + r.Errors);
        report.Figure("calls", $"{calls} in {seconds:0.0} s ({calls / seconds:0} per second), {errors} errors"
            + (runs.Select(r => r.FirstError).FirstOrDefault(e => e is not null) is { } first ? $"; first: {first}" : "")
            + $"; p50 {BenchReport.Ms(Stats.Median([.. runs.SelectMany(r => r.Latencies)]))}");
        report.Figure("over time", "calls: server RSS, output folder (files), image cache folder");
        for (int tenth = 1; tenth <= 10; tenth++)
        {
            int at = calls * tenth / 10;
            Sample sample = samples.FirstOrDefault(s => s.Calls >= at, samples.Count > 0 ? samples[^1] : default);
            report.Figure($"  {sample.Calls,6}", $"RSS {BenchReport.Bytes(sample.Rss)}, output {BenchReport.Bytes(sample.OutputBytes)} ({sample.OutputFiles}), cache {BenchReport.Bytes(sample.CacheBytes)}");
        }

        string[] sweeps = [.. replica.Process.StandardError.Split('\n').Where(l => l.Contains("Output retention removed", StringComparison.Ordinal))];
        report.Figure("retention sweeps", sweeps.Length == 0 ? "none logged" : $"{sweeps.Length} logged; the last: {sweeps[^1].Trim()}");

        var middle = samples.Where(s => s.Calls >= calls / 3 && s.Calls < calls * 2 / 3).ToList();
        var last = samples.Where(s => s.Calls >= calls * 2 / 3).ToList();
        Sample atThird = samples.FirstOrDefault(s => s.Calls >= calls / 3);
        long limit = CacheMegabytes * 1024L * 1024L;
        bool filled = atThird.CacheBytes >= limit * 8 / 10 && atThird.OutputBytes >= limit * 8 / 10;
        report.Verdict("caches full by a third", filled,
            $"at {atThird.Calls} calls: output {BenchReport.Bytes(atThird.OutputBytes)}, cache {BenchReport.Bytes(atThird.CacheBytes)} (full: >= 80% of {CacheMegabytes} MB)");
        Growth("RSS flat", middle.Select(s => (double)s.Rss), last.Select(s => (double)s.Rss), report);
        Growth("disk flat (output + cache)", middle.Select(s => (double)(s.OutputBytes + s.CacheBytes)), last.Select(s => (double)(s.OutputBytes + s.CacheBytes)), report);
        report.Verdict("errors", errors == 0, $"{errors} of {calls} calls; target 0");
    }

    private static void Growth(string what, IEnumerable<double> middle, IEnumerable<double> last, BenchReport report)
    {
        double before = middle.DefaultIfEmpty(double.NaN).Max();
        double after = last.DefaultIfEmpty(double.NaN).Max();
        double growth = (after - before) / before;
        report.Verdict(what, growth <= AllowedGrowth,
            $"largest in the last third {BenchReport.Bytes(after)} vs the middle third {BenchReport.Bytes(before)}: {growth * 100:+0.0;-0.0}% (target <= +{AllowedGrowth * 100:0}%)");
    }

    private static async Task SampleAsync(McpHttpReplica replica, Func<int> calls, List<Sample> samples, long started, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(SampleEvery);
        try
        {
            do
            {
                var (outputBytes, outputFiles) = Measure(replica.Output);
                var (cacheBytes, _) = Measure(replica.Cache);
                var sample = new Sample(Stopwatch.GetElapsedTime(started).TotalSeconds, calls(), replica.ResidentBytes() ?? 0, outputBytes, outputFiles, cacheBytes);
                lock (samples)
                {
                    samples.Add(sample);
                }
            }
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Bytes and files in a folder (files may vanish while it is listed: the server removes them).</summary>
    private static (long Bytes, int Files) Measure(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return (0, 0);
        }

        long bytes = 0;
        int files = 0;
        foreach (FileInfo file in new DirectoryInfo(directory).EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true }))
        {
            try
            {
                bytes += file.Length;
                files++;
            }
            catch (FileNotFoundException)
            {
                // Removed since it was listed.
            }
        }

        return (bytes, files);
    }

    /// <summary>One sample: seconds since the start, calls done, the server's RSS, the output folder's bytes and files, the cache folder's bytes.</summary>
    private readonly record struct Sample(double Seconds, int Calls, long Rss, long OutputBytes, int OutputFiles, long CacheBytes);
}
