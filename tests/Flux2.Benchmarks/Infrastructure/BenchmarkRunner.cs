using System.Diagnostics;
using System.Globalization;

namespace Flux2.Benchmarks;

/// <summary>Parses the command line, runs the chosen benchmarks one after the other, and prints a closing summary.</summary>
internal static class BenchmarkRunner
{
    /// <summary>Every benchmark, in the order <c>all</c> runs them.</summary>
    public static IReadOnlyList<IBenchmark> All { get; } =
    [
        new BatchBenchmark(),
        new QueueCompletionBenchmark(),
        new DownloadBenchmark(),
        new CliBatchBenchmark(),
        new McpColdStartBenchmark(),
        new McpCallOverheadBenchmark(),
        new McpBytesBenchmark(),
        new McpScaleOutBenchmark(),
        new McpThroughputBenchmark(),
        new McpSoakBenchmark(),
        new ToolInstallBenchmark(),
    ];

    /// <summary>Runs; exit code 0 when every target was met, 1 when one was missed, 2 on bad arguments, 3 when a benchmark crashed.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var names = new List<string>();
        int rounds = 5;
        bool quick = false;
        bool reuse = false;
        bool profile = false;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--rounds" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out int r) && r is > 0 and <= 50:
                    rounds = r;
                    i++;
                    break;
                case "--reuse-builds":
                    reuse = true;
                    break;
                case "--profile":
                    profile = true;
                    break;
                case "--quick":
                    quick = true;
                    break;
                case "-h" or "--help":
                    PrintUsage();
                    return 0;
                default:
                    names.Add(args[i]);
                    break;
            }
        }

        if (names.Count == 0)
        {
            PrintUsage();
            return 2;
        }

        List<IBenchmark> chosen = names.Contains("all", StringComparer.OrdinalIgnoreCase)
            ? [.. All]
            : [.. names.Select(n => All.FirstOrDefault(b => string.Equals(b.Name, n, StringComparison.OrdinalIgnoreCase)))
                .Where(b => b is not null).Cast<IBenchmark>()];
        string[] unknown = [.. names.Where(n => !n.Equals("all", StringComparison.OrdinalIgnoreCase) && All.All(b => !b.Name.Equals(n, StringComparison.OrdinalIgnoreCase)))];
        if (unknown.Length > 0)
        {
            Console.Error.WriteLine($"unknown benchmark(s): {string.Join(", ", unknown)}");
            PrintUsage();
            return 2;
        }

        var options = new BenchOptions { Rounds = quick ? 1 : rounds, Quick = quick, ReuseBuilds = reuse, Profile = profile };
        Directory.CreateDirectory(options.WorkDirectory);
        Console.WriteLine($"Flux2 benchmarks: {Environment.ProcessorCount} cores, .NET {Environment.Version}, rounds {options.Rounds}{(quick ? " (quick)" : "")}, " +
            $"{DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC");
        var summary = new List<string>();
        int exit = 0;
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        foreach (IBenchmark benchmark in chosen)
        {
            Console.WriteLine();
            Console.WriteLine($"== {benchmark.Name}: {benchmark.Description}");
            var report = new BenchReport { Name = benchmark.Name };
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancel.Token);
            limit.CancelAfter(options.Timeout);
            long started = Stopwatch.GetTimestamp();
            try
            {
                await benchmark.RunAsync(options, report, limit.Token).ConfigureAwait(false);
                summary.AddRange(report.Verdicts.Select(v => $"{benchmark.Name,-18} {v}"));
                if (report.Missed)
                {
                    exit = Math.Max(exit, 1);
                }
            }
#pragma warning disable CA1031 // One crashed benchmark is reported and the others still run.
            catch (Exception ex) when (!cancel.IsCancellationRequested)
#pragma warning restore CA1031
            {
                string reason = ex is OperationCanceledException ? $"abandoned after its {options.Timeout.TotalMinutes:0} min time-out" : $"{ex.GetType().Name}: {ex.Message}";
                Console.WriteLine($"  ERROR {reason}");
                summary.Add($"{benchmark.Name,-18} ERROR {reason.Split('\n')[0]}");
                exit = 3;
            }

            Console.WriteLine($"  ({benchmark.Name} took {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s)");
        }

        Console.WriteLine();
        Console.WriteLine("== summary");
        foreach (string line in summary)
        {
            Console.WriteLine($"  {line}");
        }

        return exit;
    }

    private static void PrintUsage()
    {
        Console.WriteLine("usage: dotnet run -c Release --project tests/Flux2.Benchmarks -- <name>...|all [--rounds N] [--quick] [--reuse-builds] [--profile]");
        foreach (IBenchmark benchmark in All)
        {
            Console.WriteLine($"  {benchmark.Name,-18} {benchmark.Description}");
        }
    }
}
