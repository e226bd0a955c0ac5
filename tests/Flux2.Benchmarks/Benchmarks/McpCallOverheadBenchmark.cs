using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Flux2.Simulator;

namespace Flux2.Benchmarks;

/// <summary>
/// Issue 4: <c>tools/call generate_image</c> (1 MP, preview on: the defaults) through an MCP C# SDK client over stdio to the published
/// flux2-mcp, against a simulator with latency 0, minus the baseline: a direct HTTP call to the simulator for the same image (fal sync
/// POST + GET of the image). Target p50 overhead &lt; 10 ms. The server runs its default fal queue mode, and also sync mode.
/// </summary>
internal sealed class McpCallOverheadBenchmark : IBenchmark
{
    private const double TargetMs = 10;
    private const string Prompt = "a red fox in the snow, benchmark mcp";
    private const long Seed = 21;

    public string Name => "mcp-call-overhead";

    public string Description => "tools/call generate_image (1 MP + preview) minus a direct HTTP call to the simulator, latency 0 (p50 < 10 ms)";

    public async Task RunAsync(BenchOptions options, BenchReport report, CancellationToken cancellationToken)
    {
        string published = await DotnetBuilds.PublishAsync(options, "Flux2.Mcp", cancellationToken: cancellationToken).ConfigureAwait(false);
        await using SimulatorServer simulator = await SimulatorServer.StartAsync(new SimulatorOptions(), cancellationToken).ConfigureAwait(false);
        using var raw = new RawFal(simulator);
        int samples = options.Quick ? 8 : 40;
        var noPreview = new Dictionary<string, string> { ["Flux2__Mcp__Previews"] = "false", ["Flux2__Tools__Previews"] = "false" };
        var noPreviewNoSave = new Dictionary<string, string>(noPreview) { ["Flux2__Tools__SaveImages"] = "false" };
        var variants = new (string Mode, string Label, Dictionary<string, string>? Extra)[]
        {
            ("queue", "defaults", null),
            ("sync", "defaults", null),
            ("queue", "diagnosis: previews off", noPreview),
            ("queue", "diagnosis: previews and saving off", noPreviewNoSave),
        };
        foreach (var (mode, label, extra) in variants)
        {
            string output = Path.Combine(options.WorkDirectory, $"mcp-call-{mode}", Guid.NewGuid().ToString("N")[..8]);
            await using McpServerSession session = await McpServerSession.StartAsync(published, simulator, output, mode, cancellationToken, extra).ConfigureAwait(false);
            for (int i = 0; i < 5; i++)
            {
                await CallAsync(session, cancellationToken).ConfigureAwait(false);
                await DirectAsync(raw, cancellationToken).ConfigureAwait(false);
            }

            var tool = new List<double>();
            var direct = new List<double>();
            for (int i = 0; i < samples; i++)
            {
                // Alternate which goes first so drift on a noisy machine hits both alike.
                if (i % 2 == 0)
                {
                    tool.Add(await CallAsync(session, cancellationToken).ConfigureAwait(false));
                    direct.Add(await DirectAsync(raw, cancellationToken).ConfigureAwait(false));
                }
                else
                {
                    direct.Add(await DirectAsync(raw, cancellationToken).ConfigureAwait(false));
                    tool.Add(await CallAsync(session, cancellationToken).ConfigureAwait(false));
                }
            }

            double toolP50 = Stats.Median(tool);
            double directP50 = Stats.Median(direct);
            double overhead = toolP50 - directP50;
            string name = $"fal {mode}, {label}";
            report.Figure($"[{name}]", "");
            report.Figure("  baseline: direct HTTP", $"p50 {BenchReport.Ms(directP50)}, p90 {BenchReport.Ms(Stats.Percentile(direct, 90))} (fal sync POST + GET image), n={direct.Count}");
            report.Figure("  tools/call generate_image", $"p50 {BenchReport.Ms(toolP50)}, p90 {BenchReport.Ms(Stats.Percentile(tool, 90))}, n={tool.Count}");
            if (extra is not null)
            {
                report.Figure("  overhead", $"p50 {BenchReport.Ms(overhead)} (no target: a breakdown of the default's overhead)");
                continue;
            }

            report.Verdict($"MCP call overhead, fal {mode} mode", overhead < TargetMs,
                $"p50 {BenchReport.Ms(toolP50)} - {BenchReport.Ms(directP50)} = {BenchReport.Ms(overhead)} (target < {BenchReport.Ms(TargetMs)}); ratio {BenchReport.X(toolP50 / directP50)}");
        }
    }

    private static async Task<double> CallAsync(McpServerSession session, CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        JsonNode result = await session.RequestAsync("tools/call", McpServerSession.GenerateParams(Prompt, "1024x1024", Seed), cancellationToken).ConfigureAwait(false);
        double ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (result["isError"]?.GetValue<bool>() == true)
        {
            throw new InvalidOperationException("generate_image failed: " + result.ToJsonString()[..Math.Min(600, result.ToJsonString().Length)]);
        }

        return ms;
    }

    private static async Task<double> DirectAsync(RawFal raw, CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        using JsonDocument output = await raw.SyncAsync(RawFal.Body(Prompt, 1024, 1024, Seed), cancellationToken).ConfigureAwait(false);
        string url = output.RootElement.GetProperty("images")[0].GetProperty("url").GetString()!;
        _ = await raw.GetBytesAsync(new Uri(url), cancellationToken).ConfigureAwait(false);
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }
}
