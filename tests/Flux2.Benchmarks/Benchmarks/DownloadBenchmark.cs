using System.Diagnostics;
using System.Globalization;
using Flux2.Client;
using Flux2.Simulator;
using Microsoft.Extensions.DependencyInjection;

namespace Flux2.Benchmarks;

/// <summary>
/// Issue 2: a 50 MB body from the simulator's <c>/files/bulk/52428800</c> through <see cref="IFlux2Downloader"/>: peak memory growth
/// (working set and GC heap sampled every 5 ms; target &lt; 32 MB) and time against <c>curl -s -o FILE</c> on the same URL into the
/// same folder (the same work; target &lt;= 1.3x curl's time, median of per-round ratios, the two alternating which goes first).
/// <c>curl -o /dev/null</c> is printed for information only. The simulator serving the body runs in this process, so its share of
/// memory is counted too.
/// </summary>
internal sealed class DownloadBenchmark : IBenchmark
{
    private const long Size = 52_428_800;
    private const double MemoryTargetBytes = 32 * 1024 * 1024;
    private const double RatioTarget = 1.3;
    private const int MinimumRounds = 15;

    public string Name => "download";

    public string Description => "50 MB via IFlux2Downloader: peak memory growth (< 32 MB) and time vs curl -o FILE, same folder (<= 1.3x)";

    public async Task RunAsync(BenchOptions options, BenchReport report, CancellationToken cancellationToken)
    {
        await using SimulatorServer simulator = await SimulatorServer.StartAsync(new SimulatorOptions(), cancellationToken).ConfigureAwait(false);
        string output = Path.Combine(options.WorkDirectory, "download");
        Directory.CreateDirectory(output);
        await using ServiceProvider services = BenchClient.Build(simulator, "queue", outputDirectory: output);
        var downloader = services.GetRequiredService<IFlux2Downloader>();
        var url = new Uri(simulator.BaseUrl, $"files/bulk/{Size}");
        string? curl = FindOnPath("curl");
        if (curl is null)
        {
            BenchReport.Note("curl is not installed here: the time ratio cannot be measured (nothing was installed).");
        }

        // Warm-up: JIT, the connection, the file system path. The downloader's file tells where curl must write (the same folder).
        (_, _, _, string savedPath) = await DownloadAsync(downloader, url, cancellationToken).ConfigureAwait(false);
        File.Delete(savedPath);
        string curlFile = Path.Combine(Path.GetDirectoryName(savedPath)!, "curl.bin");
        if (curl is not null)
        {
            await CurlAsync(curl, url, cancellationToken, curlFile).ConfigureAwait(false);
            File.Delete(curlFile);
            await CurlAsync(curl, url, cancellationToken).ConfigureAwait(false);
        }

        // Where the time goes: the same body read in-process by a bare HttpClient into nothing, and into a (hashed) file.
        using var bare = new HttpClient();
        bare.DefaultRequestHeaders.UserAgent.ParseAdd("flux2-bench/1.0");
        await BareAsync(bare, url, null, cancellationToken).ConfigureAwait(false);
        string bareFile = Path.Combine(output, "bare.bin");
        var nullMs = new List<double>();
        var fileMs = new List<double>();
        var fileNoHashMs = new List<double>();
        var fileOverlapMs = new List<double>();
        var subjectMs = new List<double>();
        var workingSet = new List<double>();
        var heap = new List<double>();
        var curlFileMs = new List<double>();
        var curlFileTotalMs = new List<double>();
        var ratios = new List<double>();
        var curlNullMs = new List<double>();
        var curlNullTotalMs = new List<double>();
        // A round takes ~0.3 s and the scored ratio is of two ~50 ms timings on a noisy machine: at least 15 rounds.
        int rounds = options.Quick ? 1 : Math.Max(options.Rounds, MinimumRounds);
        for (int round = 0; round < rounds; round++)
        {
            // The scored pair, alternating which goes first so the machine's noise (and the page cache's write-back of the
            // previous file) hits both. Each starts with no file at its path: both create and fill a new 50 MB file.
            bool curlFirst = curl is not null && round % 2 == 1;
            (double Wall, double Total) curlRun = default;
            if (curlFirst)
            {
                curlRun = await CurlAsync(curl!, url, cancellationToken, curlFile).ConfigureAwait(false);
                File.Delete(curlFile);
            }

            (double ms, long ws, long gc, string path) = await DownloadAsync(downloader, url, cancellationToken).ConfigureAwait(false);
            File.Delete(path);
            subjectMs.Add(ms);
            workingSet.Add(ws);
            heap.Add(gc);
            if (curl is not null && !curlFirst)
            {
                curlRun = await CurlAsync(curl, url, cancellationToken, curlFile).ConfigureAwait(false);
                File.Delete(curlFile);
            }

            if (curl is not null)
            {
                curlFileMs.Add(curlRun.Wall);
                curlFileTotalMs.Add(curlRun.Total);
                ratios.Add(ms / curlRun.Wall);

                // Information only: curl doing less work (nothing written).
                (double nullWall, double nullTotal) = await CurlAsync(curl, url, cancellationToken).ConfigureAwait(false);
                curlNullMs.Add(nullWall);
                curlNullTotalMs.Add(nullTotal);
            }

            nullMs.Add(await BareAsync(bare, url, null, cancellationToken).ConfigureAwait(false));
            fileMs.Add(await BareAsync(bare, url, bareFile, cancellationToken).ConfigureAwait(false));
            File.Delete(bareFile);
            fileNoHashMs.Add(await BareAsync(bare, url, bareFile, cancellationToken, hash: false).ConfigureAwait(false));
            File.Delete(bareFile);
            fileOverlapMs.Add(await BareAsync(bare, url, bareFile, cancellationToken, overlap: true).ConfigureAwait(false));
            File.Delete(bareFile);

            BenchReport.Note($"round {round + 1}/{rounds}: downloader {BenchReport.Ms(ms)} (+{BenchReport.Bytes(ws)} working set, +{BenchReport.Bytes(gc)} GC heap)" +
                (curl is null ? "" : $", curl -o FILE {BenchReport.Ms(curlRun.Wall)} ({(curlFirst ? "ran first" : "ran second")}), ratio {BenchReport.X(ratios[^1])}; " +
                    $"curl -o /dev/null {BenchReport.Ms(curlNullMs[^1])}"));
        }

        double subjectMedian = Stats.Median(subjectMs);
        report.Figure("IFlux2Downloader time", $"median {BenchReport.Ms(subjectMedian)} {BenchReport.List(subjectMs, BenchReport.Ms)} = {Size / 1048576.0 / (subjectMedian / 1000):0} MiB/s");
        report.Figure("peak working-set growth", $"median {BenchReport.Bytes(Stats.Median(workingSet))}, max {BenchReport.Bytes(workingSet.Max())}");
        report.Figure("peak GC-heap growth", $"median {BenchReport.Bytes(Stats.Median(heap))}, max {BenchReport.Bytes(heap.Max())}");
        report.Verdict("download peak memory growth", workingSet.Max() < MemoryTargetBytes,
            $"max working-set growth {BenchReport.Bytes(workingSet.Max())} over {rounds} rounds (target < 32 MiB)");
        report.Figure("floor: HttpClient -> null", $"median {BenchReport.Ms(Stats.Median(nullMs))} {BenchReport.List(nullMs, BenchReport.Ms)} (in-process sender and .NET HTTP stack)");
        report.Figure("floor: HttpClient -> file", $"median {BenchReport.Ms(Stats.Median(fileNoHashMs))} {BenchReport.List(fileNoHashMs, BenchReport.Ms)} (async file write, no hash)");
        report.Figure("floor: HttpClient -> file+SHA", $"median {BenchReport.Ms(Stats.Median(fileMs))} {BenchReport.List(fileMs, BenchReport.Ms)} (the same plus SHA-256, hash then write, as the downloader)");
        report.Figure("floor: ... SHA overlapped", $"median {BenchReport.Ms(Stats.Median(fileOverlapMs))} {BenchReport.List(fileOverlapMs, BenchReport.Ms)} (the hash runs while the write is in flight)");
        if (curl is null)
        {
            report.Verdict("download time vs curl -o FILE", false, "not measured: curl is missing on this machine");
            return;
        }

        double curlMedian = Stats.Median(curlFileMs);
        report.Figure("info: curl -o /dev/null", $"median {BenchReport.Ms(Stats.Median(curlNullMs))} {BenchReport.List(curlNullMs, BenchReport.Ms)}, time_total {BenchReport.Ms(Stats.Median(curlNullTotalMs))}; " +
            $"downloader / it = {BenchReport.X(subjectMedian / Stats.Median(curlNullMs))} (not scored: curl writes nothing there)");
        report.Figure("baseline: curl -o FILE", $"median {BenchReport.Ms(curlMedian)} {BenchReport.List(curlFileMs, BenchReport.Ms)} (spawn->exit, same folder, new file each round); " +
            $"curl's own time_total median {BenchReport.Ms(Stats.Median(curlFileTotalMs))}");
        double ratio = Stats.Median(ratios);
        report.Figure("ratio vs curl -o FILE", $"median of per-round ratios {BenchReport.X(ratio)} {BenchReport.List(ratios, BenchReport.X)}; ratio of medians {BenchReport.X(subjectMedian / curlMedian)}; " +
            $"vs curl's time_total {BenchReport.X(subjectMedian / Stats.Median(curlFileTotalMs))}");
        report.Verdict("download time vs curl -o FILE", ratio <= RatioTarget,
            $"{BenchReport.X(ratio)} curl's time on the same work (median of {ratios.Count} alternating rounds; target <= {BenchReport.X(RatioTarget)})");
    }

    private static async Task<(double Ms, long WorkingSetGrowth, long HeapGrowth, string Path)> DownloadAsync(IFlux2Downloader downloader, Uri url, CancellationToken cancellationToken)
    {
        var sampler = new MemorySampler(TimeSpan.FromMilliseconds(5));
        double ms;
        string path;
        try
        {
            long started = Stopwatch.GetTimestamp();
            Flux2SavedFile saved = await downloader.DownloadAsync(url, "bulk.png", overwrite: true, cancellationToken).ConfigureAwait(false);
            ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (saved.Bytes != Size)
            {
                throw new InvalidOperationException($"the downloader saved {saved.Bytes} bytes, expected {Size}");
            }

            path = saved.Path;
        }
        finally
        {
            await sampler.DisposeAsync().ConfigureAwait(false);
        }

        return (ms, sampler.WorkingSetGrowth, sampler.HeapGrowth, path);
    }

    /// <summary>
    /// Reads the body with a bare HttpClient into nothing, or into a file (same FileStream options as the downloader) while hashing
    /// it, one after the other per buffer as the downloader does, or with the hash running while the write is in flight (<paramref name="overlap"/>).
    /// </summary>
    private static async Task<double> BareAsync(HttpClient client, Uri url, string? path, CancellationToken cancellationToken, bool hash = true, bool overlap = false)
    {
        long started = Stopwatch.GetTimestamp();
        using HttpResponseMessage response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        Stream body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            if (path is null)
            {
                await body.CopyToAsync(Stream.Null, 81920, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var file = new FileStream(path, new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.ReadWrite, BufferSize = 0, Options = FileOptions.Asynchronous });
                await using (file.ConfigureAwait(false))
                {
                    using var sha = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
                    byte[] buffer = new byte[81920];
                    int read;
                    while ((read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                    {
                        if (overlap)
                        {
                            // The write (a thread-pool job on Linux) and the hash only read the buffer: run them side by side.
                            ValueTask write = file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                            sha.AppendData(buffer, 0, read);
                            await write.ConfigureAwait(false);
                            continue;
                        }

                        if (hash)
                        {
                            sha.AppendData(buffer, 0, read);
                        }

                        await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    }

                    _ = sha.GetHashAndReset();
                }
            }
        }

        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    private static async Task<(double WallMs, double TotalMs)> CurlAsync(string curl, Uri url, CancellationToken cancellationToken, string target = "/dev/null")
    {
        ProcessResult result = await ProcessRunner.RunAsync(curl, ["-s", "-o", target, "-w", "%{time_total}", url.ToString()], TimeSpan.FromMinutes(2), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"curl failed: {result.Summary()}");
        }

        double total = double.Parse(result.StandardOutput.Trim(), CultureInfo.InvariantCulture) * 1000;
        return (result.Elapsed.TotalMilliseconds, total);
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}
