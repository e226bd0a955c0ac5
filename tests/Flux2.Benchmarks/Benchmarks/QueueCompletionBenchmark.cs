using System.Diagnostics;
using Flux2.Client;
using Flux2.Simulator;
using Microsoft.Extensions.DependencyInjection;

namespace Flux2.Benchmarks;

/// <summary>
/// Issue 2: time from the simulator finishing a fal queue job (<see cref="SimulatorJob.CompletedTimestamp"/>) to the result in the
/// caller's hand, for ~50 jobs at varied latencies; target median &lt; 100 ms. Baseline: fal-js's fixed 500 ms polling
/// (DEFAULT_POLL_INTERVAL in @fal-ai/client's queue.js), simulated by a naive poller submitted in the same waves.
/// </summary>
internal sealed class QueueCompletionBenchmark : IBenchmark
{
    private const int PerWave = 5;
    private static readonly int[] LatenciesMs = [150, 300, 450, 700, 1000, 1300, 1700, 2100, 600, 250];
    private static readonly TimeSpan NaivePollInterval = TimeSpan.FromMilliseconds(500);
    private const double TargetMs = 100;

    public string Name => "queue-completion";

    public string Description => "fal queue: job completed in the simulator -> result in hand, ~50 jobs, vs a 500 ms poller (fal-js default)";

    public async Task RunAsync(BenchOptions options, BenchReport report, CancellationToken cancellationToken)
    {
        await using SimulatorServer simulator = await SimulatorServer.StartAsync(new SimulatorOptions(), cancellationToken).ConfigureAwait(false);
        await using ServiceProvider services = BenchClient.Build(simulator, "queue", maxConcurrency: 16);
        var client = services.GetRequiredService<IFlux2Client>();
        using var raw = new RawFal(simulator);

        // Warm-up (JIT, connections, the render cache of the one image every job asks for).
        simulator.Options.Latency = TimeSpan.FromMilliseconds(50);
        await SubjectAsync(client, simulator, cancellationToken).ConfigureAwait(false);
        await NaiveAsync(raw, simulator, cancellationToken).ConfigureAwait(false);

        var subject = new List<double>();
        var naive = new List<double>();
        int failed = 0;
        int[] latencies = options.Quick ? LatenciesMs[..3] : LatenciesMs;
        foreach (int latency in latencies)
        {
            // Latency is read at submit time; every job of the wave (subject and baseline) gets the same one.
            simulator.Options.Latency = TimeSpan.FromMilliseconds(latency);
            Task<double?>[] subjects = [.. Enumerable.Range(0, PerWave).Select(_ => SubjectAsync(client, simulator, cancellationToken))];
            Task<double?>[] naives = [.. Enumerable.Range(0, PerWave).Select(_ => NaiveAsync(raw, simulator, cancellationToken))];
            foreach (double? ms in await Task.WhenAll(subjects).ConfigureAwait(false))
            {
                if (ms is { } value)
                {
                    subject.Add(value);
                }
                else
                {
                    failed++;
                }
            }

            naive.AddRange((await Task.WhenAll(naives).ConfigureAwait(false)).Where(v => v is not null).Select(v => v!.Value));
        }

        double subjectMedian = Stats.Median(subject);
        double naiveMedian = Stats.Median(naive);
        report.Figure("latencies (5 jobs each)", string.Join(", ", latencies) + " ms");
        report.Figure("baseline: 500 ms poller", $"median {BenchReport.Ms(naiveMedian)}, p90 {BenchReport.Ms(Stats.Percentile(naive, 90))}, n={naive.Count}");
        report.Figure("IFlux2Client fal queue", $"median {BenchReport.Ms(subjectMedian)}, p90 {BenchReport.Ms(Stats.Percentile(subject, 90))}, " +
            $"max {BenchReport.Ms(subject.Count > 0 ? subject.Max() : double.NaN)}, n={subject.Count}, failed {failed}");
        report.Figure("ratio subject/baseline", BenchReport.X(subjectMedian / naiveMedian));
        report.Verdict("completion-to-result median", subjectMedian < TargetMs && failed == 0,
            $"{BenchReport.Ms(subjectMedian)} (target < {BenchReport.Ms(TargetMs)}), {BenchReport.X(subjectMedian / naiveMedian)} the 500 ms poller's {BenchReport.Ms(naiveMedian)}");
    }

    private static Flux2ImageRequest Request() => new() { Prompt = "a paper boat, benchmark queue", Seed = 11, Size = "1024x1024", Provider = Flux2Providers.Fal, Model = Flux2Models.Pro };

    /// <summary>One job through the caller; returns completion-to-return in ms, or null when it failed.</summary>
    private static async Task<double?> SubjectAsync(IFlux2Client client, SimulatorServer simulator, CancellationToken cancellationToken)
    {
        try
        {
            Flux2ImageResult result = await client.GenerateAsync(Request(), cancellationToken).ConfigureAwait(false);
            long returned = Stopwatch.GetTimestamp();
            return Delay(simulator, result.RequestId, returned);
        }
        catch (Flux2Exception ex)
        {
            BenchReport.Note($"subject job failed: {ex.Kind}: {ex.Message}");
            return null;
        }
    }

    /// <summary>One job through the naive poller (sleep 500 ms, GET status, until COMPLETED, then GET the result).</summary>
    private static async Task<double?> NaiveAsync(RawFal raw, SimulatorServer simulator, CancellationToken cancellationToken)
    {
        var (id, status, response) = await raw.SubmitAsync(RawFal.Body("a paper boat, benchmark queue", 1024, 1024, 11), cancellationToken).ConfigureAwait(false);
        for (int poll = 0; poll < 240; poll++)
        {
            await Task.Delay(NaivePollInterval, cancellationToken).ConfigureAwait(false);
            if (await raw.StatusAsync(status, cancellationToken).ConfigureAwait(false) == "COMPLETED")
            {
                _ = await raw.GetBytesAsync(response, cancellationToken).ConfigureAwait(false);
                return Delay(simulator, id, Stopwatch.GetTimestamp());
            }
        }

        return null;
    }

    private static double? Delay(SimulatorServer simulator, string? requestId, long returned)
    {
        SimulatorJob? job = simulator.Jobs.FirstOrDefault(j => j.Id == requestId);
        return job is { CompletedTimestamp: > 0 } ? Stopwatch.GetElapsedTime(job.CompletedTimestamp, returned).TotalMilliseconds : null;
    }
}
