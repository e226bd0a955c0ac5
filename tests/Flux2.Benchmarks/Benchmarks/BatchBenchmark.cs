using System.Diagnostics;
using Flux2.Client;
using Flux2.Simulator;
using Microsoft.Extensions.DependencyInjection;

namespace Flux2.Benchmarks;

/// <summary>
/// Issue 2: 64 requests through <see cref="IFlux2Client"/> (MaxConcurrency 8) against a simulator with 300 ms latency and a
/// concurrency limit of 8; ideal = 8 waves x 300 ms = 2.4 s, target &lt;= 1.10x ideal with no failure, in fal sync and queue modes.
/// A bare HttpClient with 8 workers on fal sync runs beside it as the floor of what the machine allows.
/// </summary>
internal sealed class BatchBenchmark : IBenchmark
{
    private const int Requests = 64;
    private const int Concurrency = 8;
    private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(300);
    private const double IdealMs = Requests / Concurrency * 300.0;
    private const double Target = 1.10;

    public string Name => "batch";

    public string Description => "64 requests via IFlux2Client (MaxConcurrency 8) vs simulator latency 300 ms, limit 8: wall vs 2.4 s ideal, fal sync and queue";

    public async Task RunAsync(BenchOptions options, BenchReport report, CancellationToken cancellationToken)
    {
        await using SimulatorServer simulator = await SimulatorServer.StartAsync(new SimulatorOptions { Latency = Latency, ConcurrencyLimit = Concurrency }, cancellationToken).ConfigureAwait(false);
        await using ServiceProvider syncServices = BenchClient.Build(simulator, "sync", Concurrency);
        await using ServiceProvider queueServices = BenchClient.Build(simulator, "queue", Concurrency);
        var sync = syncServices.GetRequiredService<IFlux2Client>();
        var queue = queueServices.GetRequiredService<IFlux2Client>();
        using var raw = new RawFal(simulator);

        // Warm-up: JIT, connection pools, and the simulator's render cache for the one image every request asks for.
        await RunClientAsync(sync, simulator, "sync", cancellationToken).ConfigureAwait(false);
        await RunClientAsync(queue, simulator, "submit", cancellationToken).ConfigureAwait(false);
        await RunRawAsync(raw, simulator, cancellationToken).ConfigureAwait(false);

        var runs = new Dictionary<string, List<Run>> { ["raw"] = [], ["sync"] = [], ["queue"] = [] };
        int rounds = options.Quick ? 1 : options.Rounds;
        for (int round = 0; round < rounds; round++)
        {
            // Rotate the order so no variant always runs first on a noisy machine.
            string[] order = (round % 3) switch { 0 => ["raw", "sync", "queue"], 1 => ["sync", "queue", "raw"], _ => ["queue", "raw", "sync"] };
            foreach (string variant in order)
            {
                Run run = variant switch
                {
                    "raw" => await RunRawAsync(raw, simulator, cancellationToken).ConfigureAwait(false),
                    "sync" => await RunClientAsync(sync, simulator, "sync", cancellationToken).ConfigureAwait(false),
                    _ => await RunClientAsync(queue, simulator, "submit", cancellationToken).ConfigureAwait(false),
                };
                runs[variant].Add(run);
            }

            BenchReport.Note($"round {round + 1}/{rounds}: raw {BenchReport.Ms(runs["raw"][^1].WallMs)}, sync {BenchReport.Ms(runs["sync"][^1].WallMs)}, queue {BenchReport.Ms(runs["queue"][^1].WallMs)}");
        }

        double rawMedian = Stats.Median(runs["raw"].Select(r => r.WallMs).ToList());
        report.Figure("baseline (ideal)", $"{BenchReport.Ms(IdealMs)} = {Requests / Concurrency} waves x {Latency.TotalMilliseconds:0} ms");
        report.Figure("floor (bare HttpClient, 8 wk)", $"median {BenchReport.Ms(rawMedian)} = {BenchReport.X(rawMedian / IdealMs)} ideal; failed {runs["raw"].Sum(r => r.Failed)}");
        foreach (string mode in new[] { "sync", "queue" })
        {
            List<Run> list = runs[mode];
            double median = Stats.Median(list.Select(r => r.WallMs).ToList());
            int failed = list.Sum(r => r.Failed);
            report.Figure($"IFlux2Client fal {mode}", $"median {BenchReport.Ms(median)} {BenchReport.List(list.Select(r => r.WallMs), BenchReport.Ms)}; " +
                $"failed {failed}; 429-retried requests {list.Sum(r => r.Extra)}; {BenchReport.X(median / rawMedian)} the floor");
            report.Verdict($"batch fal {mode}", median / IdealMs <= Target && failed == 0,
                $"{BenchReport.X(median / IdealMs)} ideal (target <= {BenchReport.X(Target)}), {failed} failed (target 0)");
        }
    }

    private static async Task<Run> RunClientAsync(IFlux2Client client, SimulatorServer simulator, string operation, CancellationToken cancellationToken)
    {
        string dialect = operation == "sync" ? "fal" : "fal-queue";
        long before = simulator.Counters.Get(dialect, operation);
        int failed = 0;
        long started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, Requests).Select(async _ =>
        {
            try
            {
                Flux2ImageResult result = await client.GenerateAsync(Request(), cancellationToken).ConfigureAwait(false);
                if (result.Images.Count != 1)
                {
                    Interlocked.Increment(ref failed);
                }
            }
            catch (Flux2Exception)
            {
                Interlocked.Increment(ref failed);
            }
        })).ConfigureAwait(false);
        double wall = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        long sent = simulator.Counters.Get(dialect, operation) - before;
        return new Run(wall, failed, (int)Math.Max(0, sent - Requests));
    }

    private static async Task<Run> RunRawAsync(RawFal raw, SimulatorServer simulator, CancellationToken cancellationToken)
    {
        string body = RawFal.Body(Prompt, 1024, 1024, Seed);
        int failed = 0;
        long started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(async _ =>
        {
            for (int i = 0; i < Requests / Concurrency; i++)
            {
                try
                {
                    using var output = await raw.SyncAsync(body, cancellationToken).ConfigureAwait(false);
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref failed);
                }
            }
        })).ConfigureAwait(false);
        _ = simulator;
        return new Run(Stopwatch.GetElapsedTime(started).TotalMilliseconds, failed, 0);
    }

    private const string Prompt = "a lighthouse at dusk, benchmark batch";
    private const long Seed = 7;

    private static Flux2ImageRequest Request() => new() { Prompt = Prompt, Seed = Seed, Size = "1024x1024", Provider = Flux2Providers.Fal, Model = Flux2Models.Pro };

    private sealed record Run(double WallMs, int Failed, int Extra);
}
