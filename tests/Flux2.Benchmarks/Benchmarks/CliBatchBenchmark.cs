using System.Globalization;
using System.Text;
using System.Text.Json;
using Flux2.Simulator;

namespace Flux2.Benchmarks;

/// <summary>
/// Issue 3: <c>flux2 batch</c> (the published src/Flux2.Cli, spawned) on 200 prompts with <c>--concurrency 16</c> against a simulator
/// with 300 ms latency and a concurrency limit of 8 answered with 429s; ideal 25 waves x 300 ms = 7.5 s, target &lt;= 1.10x with
/// report.jsonl holding 200 lines. Beside it, the official Node SDKs fire the same 200 prompts with 16 workers and their defaults.
/// </summary>
internal sealed class CliBatchBenchmark : IBenchmark
{
    private const int Prompts = 200;
    private const int Concurrency = 16;
    private const int Limit = 8;
    private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(300);
    private const double IdealMs = Prompts / Limit * 300.0;
    private const double Target = 1.10;
    private static readonly string[] Sdks = ["fal", "replicate", "together", "openai"];

    public string Name => "cli-batch";

    public string Description => "flux2 batch: 200 prompts, --concurrency 16, simulator latency 300 ms, limit 8 (429s): wall vs 7.5 s ideal; Node SDKs beside it";

    public async Task RunAsync(BenchOptions options, BenchReport report, CancellationToken cancellationToken)
    {
        string cli = Path.Combine(await DotnetBuilds.PublishAsync(options, "Flux2.Cli", cancellationToken: cancellationToken).ConfigureAwait(false), "flux2.dll");
        await using SimulatorServer simulator = await SimulatorServer.StartAsync(new SimulatorOptions { Latency = Latency, ConcurrencyLimit = Limit }, cancellationToken).ConfigureAwait(false);
        string folder = Path.Combine(options.WorkDirectory, "cli-batch");
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
        string input = Path.Combine(folder, "prompts.jsonl");
        var lines = new StringBuilder();
        for (int i = 0; i < Prompts; i++)
        {
            lines.Append(CultureInfo.InvariantCulture, $$"""{"prompt":"benchmark prompt {{i}}: a lighthouse on a cliff at dusk","seed":{{i}},"size":"1024x1024"}""").Append('\n');
        }

        await File.WriteAllTextAsync(input, lines.ToString(), cancellationToken).ConfigureAwait(false);

        // Warm-up run (not counted): fills the simulator's render cache, so the timed runs measure scheduling, not the image encoder.
        Run warm = await RunCliAsync(cli, input, Path.Combine(folder, "warm"), simulator, cancellationToken).ConfigureAwait(false);
        BenchReport.Note($"warm-up run: {BenchReport.Ms(warm.WallMs)}, {warm.ReportLines} report lines, {warm.Ok} ok{(warm.Error is null ? "" : $"; {warm.Error}")}");
        var runs = new List<Run>();
        int rounds = options.Quick ? 1 : Math.Min(options.Rounds, 5);
        for (int round = 0; round < rounds; round++)
        {
            Run run = await RunCliAsync(cli, input, Path.Combine(folder, $"run{round}"), simulator, cancellationToken).ConfigureAwait(false);
            runs.Add(run);
            BenchReport.Note($"round {round + 1}/{rounds}: {BenchReport.Ms(run.WallMs)}, {run.ReportLines} report lines, {run.Ok} ok, {run.Throttled} submits answered 429" +
                (run.Error is null ? "" : $"; {run.Error}"));
        }

        double median = Stats.Median(runs.Select(r => r.WallMs).ToList());
        int lost = runs.Max(r => Prompts - r.ReportLines);
        int failed = runs.Max(r => Prompts - r.Ok);
        report.Figure("baseline (ideal)", $"{BenchReport.Ms(IdealMs)} = {Prompts / Limit} waves x {Latency.TotalMilliseconds:0} ms");
        report.Figure("flux2 batch (process wall)", $"median {BenchReport.Ms(median)} {BenchReport.List(runs.Select(r => r.WallMs), BenchReport.Ms)}; " +
            $"429s per run {string.Join("/", runs.Select(r => r.Throttled))}; worst run: {lost} lost lines, {failed} failed lines");
        report.Verdict("flux2 batch wall time", median / IdealMs <= Target && lost == 0,
            $"{BenchReport.X(median / IdealMs)} ideal (target <= {BenchReport.X(Target)}), lost lines {lost} (target 0), failed lines {failed}");

        // Where the time over the ideal goes: process start-up alone, and the same batch with no simulated latency at all.
        ProcessResult version = await ProcessRunner.RunAsync(DotnetBuilds.Dotnet, [cli, "--version"], TimeSpan.FromMinutes(1), cancellationToken: cancellationToken).ConfigureAwait(false);
        simulator.Options.Latency = TimeSpan.Zero;
        Run zero = await RunCliAsync(cli, input, Path.Combine(folder, "zero-latency"), simulator, cancellationToken).ConfigureAwait(false);
        simulator.Options.Latency = Latency;
        report.Figure("diagnosis: flux2 --version", $"{BenchReport.Ms(version.Elapsed.TotalMilliseconds)} (process start-up)");
        report.Figure("diagnosis: latency 0", $"{BenchReport.Ms(zero.WallMs)} for the same 200 lines ({zero.Ok} ok): start-up + per-line work (submit, stream, result, download, save)");

        string? node = Repo.NodeBinary;
        if (node is null)
        {
            BenchReport.Note("the Node tooling is not installed (run `npm ci` in tests/Flux2.EndToEnd/node): SDK comparison skipped.");
            return;
        }

        foreach (string sdk in Sdks)
        {
            // Warm-up so the SDK's prompts (other formats/sizes than the CLI's) are rendered before the timed run.
            _ = await RunSdkAsync(node, sdk, simulator, cancellationToken).ConfigureAwait(false);
            var sdkRuns = new List<SdkRun>();
            for (int round = 0; round < Math.Min(rounds, 3); round++)
            {
                sdkRuns.Add(await RunSdkAsync(node, sdk, simulator, cancellationToken).ConfigureAwait(false));
            }

            SdkRun last = sdkRuns[^1];
            report.Figure($"{sdk} SDK (16 workers)", $"median {BenchReport.Ms(Stats.Median(sdkRuns.Select(r => r.WallMs).ToList()))} " +
                $"{BenchReport.List(sdkRuns.Select(r => r.WallMs), BenchReport.Ms)}; failed {string.Join("/", sdkRuns.Select(r => r.Failed))}" +
                (last.Errors is { Length: > 2 } ? $"; errors {last.Errors}" : ""));
        }
    }

    private static async Task<Run> RunCliAsync(string cli, string input, string output, SimulatorServer simulator, CancellationToken cancellationToken)
    {
        long before = simulator.Counters.Get("fal-queue", "submit");
        var env = new Dictionary<string, string?>
        {
            ["FAL_KEY"] = "x",
            ["FLUX2_PROVIDER"] = "fal",
            ["Flux2__Providers__fal__BaseUrl"] = simulator.DialectUrl("fal").ToString(),
            ["Flux2__Providers__fal__QueueBaseUrl"] = simulator.DialectUrl("fal-queue").ToString(),
            // No other provider key may leak in from the machine.
            ["BFL_API_KEY"] = null, ["REPLICATE_API_TOKEN"] = null, ["TOGETHER_API_KEY"] = null, ["AIML_API_KEY"] = null, ["SEGMIND_API_KEY"] = null,
        };
        ProcessResult result = await ProcessRunner.RunAsync(DotnetBuilds.Dotnet, [cli, "batch", input, "--concurrency", Concurrency.ToString(CultureInfo.InvariantCulture), "--out", output],
            TimeSpan.FromMinutes(3), env, Path.GetDirectoryName(input), cancellationToken).ConfigureAwait(false);
        string reportFile = Path.Combine(output, "report.jsonl");
        string[] reportLines = File.Exists(reportFile) ? [.. (await File.ReadAllLinesAsync(reportFile, cancellationToken).ConfigureAwait(false)).Where(l => l.Length > 0)] : [];
        int ok = reportLines.Count(l =>
        {
            using var json = JsonDocument.Parse(l);
            return json.RootElement.TryGetProperty("status", out JsonElement s) && s.GetString() == "ok";
        });
        long submits = simulator.Counters.Get("fal-queue", "submit") - before;
        return new Run(result.Elapsed.TotalMilliseconds, reportLines.Length, ok, (int)Math.Max(0, submits - Prompts), result.Succeeded ? null : result.Describe());
    }

    private static async Task<SdkRun> RunSdkAsync(string node, string sdk, SimulatorServer simulator, CancellationToken cancellationToken)
    {
        var env = new Dictionary<string, string?> { ["FLUX2_NODE_DIR"] = Repo.NodeModulesFolder };
        ProcessResult result = await ProcessRunner.RunAsync(node, [Repo.NodeScript("sdk-batch.mjs"), sdk, simulator.BaseUrl.ToString(), Prompts.ToString(CultureInfo.InvariantCulture), Concurrency.ToString(CultureInfo.InvariantCulture)],
            TimeSpan.FromMinutes(4), env, cancellationToken: cancellationToken).ConfigureAwait(false);
        string? line = result.Stdout.Split('\n').LastOrDefault(l => l.StartsWith('{'));
        if (line is null)
        {
            return new SdkRun(result.Elapsed.TotalMilliseconds, Prompts, result.Describe());
        }

        using var json = JsonDocument.Parse(line);
        JsonElement root = json.RootElement;
        if (!root.TryGetProperty("wallMs", out JsonElement wall))
        {
            return new SdkRun(result.Elapsed.TotalMilliseconds, Prompts, line);
        }

        return new SdkRun(wall.GetDouble(), root.GetProperty("failed").GetInt32(), root.GetProperty("errors").GetRawText());
    }

    private sealed record Run(double WallMs, int ReportLines, int Ok, int Throttled, string? Error);

    private sealed record SdkRun(double WallMs, int Failed, string Errors);
}
