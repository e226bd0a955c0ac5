using System.Globalization;
using System.Text.Json;

namespace Flux2.Benchmarks;

/// <summary>
/// Issue 4: spawn-to-<c>initialize</c>-result time of the published flux2-mcp (framework-dependent: apphost and <c>dotnet flux2-mcp.dll</c>;
/// Native AOT when that publish works here) beside the Node reference server @modelcontextprotocol/server-everything (stdio), both driven
/// by the same TypeScript SDK client (node/mcp-cold-start.mjs under Node 22); target ratio flux2-mcp / reference &lt; 0.5.
/// </summary>
internal sealed class McpColdStartBenchmark : IBenchmark
{
    private const double Target = 0.5;

    public string Name => "mcp-cold-start";

    public string Description => "flux2-mcp spawn -> initialize result vs @modelcontextprotocol/server-everything, same TS SDK client (< 0.5x)";

    public async Task RunAsync(BenchOptions options, BenchReport report, CancellationToken cancellationToken)
    {
        string node = Repo.NodeBinary ?? throw new InvalidOperationException("the Node tooling is not installed: run `npm ci` in tests/Flux2.EndToEnd/node");
        string published = await DotnetBuilds.PublishAsync(options, "Flux2.Mcp", cancellationToken: cancellationToken).ConfigureAwait(false);
        string everything = Path.Combine(Repo.NodeModulesFolder, "node_modules", "@modelcontextprotocol", "server-everything", "dist", "index.js");
        var servers = new List<(string Label, string Command, string[] Args)>
        {
            ("flux2-mcp (apphost)", Path.Combine(published, "flux2-mcp"), []),
            ("dotnet flux2-mcp.dll", DotnetBuilds.Dotnet, [Path.Combine(published, "flux2-mcp.dll")]),
            ("server-everything (node 22)", node, [everything, "stdio"]),
        };

        string? aotNote = null;
        try
        {
            string aot = await DotnetBuilds.PublishAsync(options, "Flux2.Mcp", aot: true, cancellationToken: cancellationToken).ConfigureAwait(false);
            servers.Insert(2, ("flux2-mcp (Native AOT)", Path.Combine(aot, "flux2-mcp"), []));
        }
        catch (InvalidOperationException ex)
        {
            aotNote = ex.Message;
            BenchReport.Note($"Native AOT publish failed, so no AOT figure: {ex.Message}");
        }

        int perRound = options.Quick ? 2 : 3;
        int rounds = options.Quick ? 1 : options.Rounds;
        var samples = servers.ToDictionary(s => s.Label, _ => new List<double>());
        string? info = null;
        foreach (var server in servers)
        {
            _ = await MeasureAsync(node, server.Command, server.Args, 1, options, cancellationToken).ConfigureAwait(false); // warm the disk cache
        }

        for (int round = 0; round < rounds; round++)
        {
            foreach (var server in servers)
            {
                (List<double> runs, string? serverInfo) = await MeasureAsync(node, server.Command, server.Args, perRound, options, cancellationToken).ConfigureAwait(false);
                samples[server.Label].AddRange(runs);
                info ??= serverInfo;
            }

            BenchReport.Note($"round {round + 1}/{rounds}: " + string.Join(", ", servers.Select(s => $"{s.Label} {BenchReport.Ms(Stats.Median(samples[s.Label]))}")));
        }

        double reference = Stats.Median(samples["server-everything (node 22)"]);
        foreach (var server in servers)
        {
            List<double> list = samples[server.Label];
            double median = Stats.Median(list);
            report.Figure(server.Label, $"median {BenchReport.Ms(median)}, p90 {BenchReport.Ms(Stats.Percentile(list, 90))}, n={list.Count}" +
                (server.Label.StartsWith("server-everything", StringComparison.Ordinal) ? " (baseline)" : $", {BenchReport.X(median / reference)} the baseline"));
        }

        double subject = Stats.Median(samples["flux2-mcp (apphost)"]);
        report.Verdict("flux2-mcp cold start (framework-dependent apphost)", subject / reference < Target,
            $"{BenchReport.Ms(subject)} = {BenchReport.X(subject / reference)} server-everything's {BenchReport.Ms(reference)} (target < {BenchReport.X(Target)})");
        if (samples.TryGetValue("flux2-mcp (Native AOT)", out List<double>? aotSamples))
        {
            double aotMedian = Stats.Median(aotSamples);
            report.Verdict("flux2-mcp cold start (Native AOT)", aotMedian / reference < Target,
                $"{BenchReport.Ms(aotMedian)} = {BenchReport.X(aotMedian / reference)} the baseline (target < {BenchReport.X(Target)})");
        }
        else
        {
            report.Figure("Native AOT", "not measured: " + (aotNote is { Length: > 300 } ? aotNote[..300] + "…" : aotNote));
        }
    }

    private static async Task<(List<double> Runs, string? ServerInfo)> MeasureAsync(string node, string command, string[] args, int runs, BenchOptions options, CancellationToken cancellationToken)
    {
        string output = Path.Combine(options.WorkDirectory, "mcp-cold-start-output");
        Directory.CreateDirectory(output);
        var env = new Dictionary<string, string?>
        {
            ["FLUX2_NODE_DIR"] = Repo.NodeModulesFolder,
            ["FLUX2_OUTPUT_DIR"] = output,
        };
        ProcessResult result = await ProcessRunner.RunAsync(node, [Repo.NodeScript("mcp-cold-start.mjs"), runs.ToString(CultureInfo.InvariantCulture), command, .. args],
            TimeSpan.FromMinutes(3), env, cancellationToken: cancellationToken).ConfigureAwait(false);
        string? line = result.StandardOutput.Split('\n').LastOrDefault(l => l.StartsWith('{'));
        if (!result.Succeeded || line is null)
        {
            throw new InvalidOperationException($"the cold-start client failed for {command}: {result.Summary()} {line}");
        }

        using var json = JsonDocument.Parse(line);
        List<double> values = [.. json.RootElement.GetProperty("runs").EnumerateArray().Select(v => v.GetDouble())];
        string? serverInfo = json.RootElement.TryGetProperty("serverInfo", out JsonElement s) ? s.GetRawText() : null;
        return (values, serverInfo);
    }
}
