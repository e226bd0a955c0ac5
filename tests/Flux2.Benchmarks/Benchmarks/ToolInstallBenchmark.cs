using System.Globalization;

namespace Flux2.Benchmarks;

/// <summary>
/// Issue 9: flux2-mcp as a user installs it. <c>dotnet pack src/Flux2.Mcp -c Release -o DIR</c>, then
/// <c>dotnet tool install --tool-path T</c> from DIR alone: the linux-x64 package size (target &lt;= 25 MB), the installed tool's size
/// on disk (&lt;= 60 MB), its cold start (spawn -> <c>initialize</c> result) beside Replicate's Node MCP server <c>replicate-mcp</c>
/// (Node 22; same raw JSON-RPC client, alternating runs; target &lt;= 0.2x) and its close time (stdin closed -> exit, &lt;= 50 ms).
/// </summary>
internal sealed class ToolInstallBenchmark : IBenchmark
{
    private const double PackageTargetMiB = 25;
    private const double InstalledTargetMiB = 60;
    private const double StartRatioTarget = 0.2;
    private const double CloseTargetMs = 50;
    private const string Version = "0.1.0";

    public string Name => "tool-install";

    public string Description =>
        "installed flux2-mcp: linux-x64 package <= 25 MB, installed <= 60 MB, cold start <= 0.2x replicate-mcp (Node), close <= 50 ms";

    public async Task RunAsync(BenchOptions options, BenchReport report, CancellationToken cancellationToken)
    {
        string node = await BaselineNode.EnsureInstalledAsync(cancellationToken).ConfigureAwait(false);
        string packages = await PackAsync(options, cancellationToken).ConfigureAwait(false);
        string tools = await InstallAsync(options, packages, cancellationToken).ConfigureAwait(false);

        double MiB(long bytes) => bytes / (1024.0 * 1024.0);
        long pointer = new FileInfo(Path.Combine(packages, $"Flux2.Mcp.{Version}.nupkg")).Length;
        long linux = new FileInfo(Path.Combine(packages, $"Flux2.Mcp.linux-x64.{Version}.nupkg")).Length;
        long portable = new FileInfo(Path.Combine(packages, $"Flux2.Mcp.any.{Version}.nupkg")).Length;
        long installed = Directory.EnumerateFiles(tools, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        report.Figure("pointer package", BenchReport.Bytes(pointer));
        report.Figure("linux-x64 package (AOT)", BenchReport.Bytes(linux));
        report.Figure("any package (portable)", BenchReport.Bytes(portable) + " (the fallback for other platforms; not installed here)");
        long packageCopies = Directory.EnumerateFiles(tools, "*.nupkg", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        report.Figure("installed tool path", BenchReport.Bytes(installed) + $" ({tools}): the tool's files {BenchReport.Bytes(installed - packageCopies)}, " +
            $"the CLI's copies of the .nupkg {BenchReport.Bytes(packageCopies)}");
        report.Verdict("linux-x64 tool package", MiB(linux) <= PackageTargetMiB,
            $"{MiB(linux).ToString("0.0", CultureInfo.InvariantCulture)} MiB (target <= {PackageTargetMiB} MB; was 160 MB)");
        report.Verdict("installed tool on disk", MiB(installed) <= InstalledTargetMiB,
            $"{MiB(installed).ToString("0.0", CultureInfo.InvariantCulture)} MiB (target <= {InstalledTargetMiB} MB; was 780 MB)");

        string scratch = Path.Combine(options.WorkDirectory, "tool-install-run");
        Directory.CreateDirectory(scratch);
        var subjects = new List<(string Label, string Command, string[] Args, Dictionary<string, string?> Env)>
        {
            ("flux2-mcp (installed)", Path.Combine(tools, "flux2-mcp"), [], new()
            {
                ["HOME"] = scratch,
                ["FLUX2_OUTPUT_DIR"] = Path.Combine(scratch, "output"),
            }),
            ("replicate-mcp (node 22)", node, [BaselineNode.ReplicateMcp], new()
            {
                ["HOME"] = scratch,
                // Read at start-up; no tool is called, so the placeholder never leaves the machine.
                ["REPLICATE_API_TOKEN"] = "r8_benchmark_placeholder",
            }),
        };

        var starts = subjects.ToDictionary(s => s.Label, _ => new List<double>());
        var closes = subjects.ToDictionary(s => s.Label, _ => new List<double>());
        foreach (var subject in subjects)
        {
            _ = await StdioStartup.MeasureAsync(subject.Command, subject.Args, subject.Env, cancellationToken).ConfigureAwait(false); // warm the disk cache
        }

        int perRound = options.Quick ? 2 : 5;
        int rounds = options.Quick ? 1 : options.Rounds;
        for (int round = 0; round < rounds; round++)
        {
            for (int i = 0; i < perRound; i++)
            {
                foreach (var subject in subjects)
                {
                    (double start, double close) = await StdioStartup.MeasureAsync(subject.Command, subject.Args, subject.Env, cancellationToken).ConfigureAwait(false);
                    starts[subject.Label].Add(start);
                    closes[subject.Label].Add(close);
                    await Task.Delay(100, cancellationToken).ConfigureAwait(false); // no overlap on a small machine
                }
            }

            BenchReport.Note($"round {round + 1}/{rounds}: " + string.Join(", ", subjects.Select(s => $"{s.Label} {BenchReport.Ms(Stats.Median(starts[s.Label]))}")));
        }

        double baseline = Stats.Median(starts["replicate-mcp (node 22)"]);
        foreach (var subject in subjects)
        {
            var list = starts[subject.Label];
            report.Figure(subject.Label, $"start median {BenchReport.Ms(Stats.Median(list))}, p90 {BenchReport.Ms(Stats.Percentile(list, 90))}, " +
                $"close median {BenchReport.Ms(Stats.Median(closes[subject.Label]))}, n={list.Count}" +
                (subject.Label.StartsWith("replicate", StringComparison.Ordinal) ? " (baseline)" : $", {BenchReport.X(Stats.Median(list) / baseline)} the baseline"));
        }

        double subjectStart = Stats.Median(starts["flux2-mcp (installed)"]);
        report.Verdict("installed flux2-mcp cold start", subjectStart / baseline <= StartRatioTarget,
            $"{BenchReport.Ms(subjectStart)} = {BenchReport.X(subjectStart / baseline)} replicate-mcp's {BenchReport.Ms(baseline)} (target <= {BenchReport.X(StartRatioTarget)})");
        double closeMedian = Stats.Median(closes["flux2-mcp (installed)"]);
        report.Verdict("installed flux2-mcp close", closeMedian <= CloseTargetMs,
            $"stdin closed -> exit {BenchReport.Ms(closeMedian)} (target <= {CloseTargetMs} ms)");
    }

    private static async Task<string> PackAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        string packages = Path.Combine(options.WorkDirectory, "tool-packages");
        string done = Path.Combine(packages, ".packed");
        if (options.ReuseBuilds && File.Exists(done))
        {
            BenchReport.Note($"reusing the packages packed at {File.GetLastWriteTimeUtc(done):u} ({packages})");
            return packages;
        }

        if (Directory.Exists(packages))
        {
            Directory.Delete(packages, recursive: true);
        }

        BenchReport.Note($"dotnet pack src/Flux2.Mcp -c Release -o {packages} (Native AOT for linux-x64) ...");
        var result = await ProcessRunner.RunAsync(DotnetBuilds.Dotnet, ["pack", Path.Combine(Repo.Root, "src", "Flux2.Mcp"), "-c", "Release", "-o", packages, "--nologo", "-v", "quiet"],
            TimeSpan.FromMinutes(30), new Dictionary<string, string?> { ["FLUX2_ARTIFACTS"] = Path.Combine(options.WorkDirectory, "artifacts-tool") }, Repo.Root,
            cancellationToken: cancellationToken).ConfigureAwait(false);
        Require(result, "dotnet pack src/Flux2.Mcp");
        BenchReport.Note($"packed in {result.Elapsed.TotalSeconds:0.0} s");
        await File.WriteAllTextAsync(done, DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
        return packages;
    }

    private static async Task<string> InstallAsync(BenchOptions options, string packages, CancellationToken cancellationToken)
    {
        string root = Path.Combine(options.WorkDirectory, "tool-install");
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }

        Directory.CreateDirectory(root);
        string config = Path.Combine(root, "nuget.config");
        await File.WriteAllTextAsync(config,
            $"""<?xml version="1.0" encoding="utf-8"?><configuration><packageSources><clear /><add key="packed" value="{packages}" /></packageSources></configuration>""",
            cancellationToken).ConfigureAwait(false);
        string tools = Path.Combine(root, "tools");
        var result = await ProcessRunner.RunAsync(DotnetBuilds.Dotnet, ["tool", "install", "--tool-path", tools, "--configfile", config, "Flux2.Mcp"],
            TimeSpan.FromMinutes(5), new Dictionary<string, string?>
            {
                // An empty package cache: the packages just made are installed, not a same-version copy from an earlier run.
                ["NUGET_PACKAGES"] = Path.Combine(root, "nuget-cache"),
                ["DOTNET_CLI_HOME"] = root,
            }, root, cancellationToken: cancellationToken).ConfigureAwait(false);
        Require(result, "dotnet tool install Flux2.Mcp");
        BenchReport.Note($"installed in {result.Elapsed.TotalSeconds:0.0} s: {result.StandardOutput.Trim()}");
        return tools;
    }

    private static void Require(ProcessResult result, string what)
    {
        if (!result.Succeeded)
        {
            string text = (result.StandardOutput + "\n" + result.StandardError).Trim();
            throw new InvalidOperationException($"{what} failed ({(result.TimedOut ? "timed out" : $"exit {result.ExitCode}")}): " + (text.Length > 2000 ? text[^2000..] : text));
        }
    }
}
