using System.Globalization;

namespace Flux2.Benchmarks;

/// <summary>
/// Samples one process with Linux perf (<c>perf record -g</c>) while a benchmark loads it, then prints where its CPU time went by
/// symbol. .NET code is named through the runtime's perf map, so the process must run with <c>DOTNET_PerfMapEnabled=1</c>
/// (<see cref="Environment"/>).
/// </summary>
internal sealed class PerfProfile : IAsyncDisposable
{
    private readonly BackgroundProcess _perf;
    private readonly string _data;

    private PerfProfile(BackgroundProcess perf, string data)
    {
        _perf = perf;
        _data = data;
    }

    /// <summary>
    /// What the profiled process needs in its environment: the JIT's perf map, so perf can name managed frames, and no W^X double
    /// mapping of JIT code (its executable view is an anonymous memfd that perf would not look up in the map).
    /// </summary>
    public static IReadOnlyDictionary<string, string?> Environment { get; } = new Dictionary<string, string?>
    {
        ["DOTNET_PerfMapEnabled"] = "1",
        ["DOTNET_EnableWriteXorExecute"] = "0",
    };

    /// <summary>Starts sampling process <paramref name="id"/> into <paramref name="data"/>; null (with a note) when perf is not installed.</summary>
    public static async Task<PerfProfile?> StartAsync(int id, string data, CancellationToken cancellationToken)
    {
        if (Machine.FindOnPath("perf") is not { } perf)
        {
            BenchReport.Note("perf is not installed (apt-get install -y linux-perf): no profile");
            return null;
        }

        var process = ProcessRunner.Start("perf record", perf,
            ["record", "-F", "999", "-g", "-p", id.ToString(CultureInfo.InvariantCulture), "-o", data]);
        // perf creates its data file once it has attached.
        await process.WaitUntilAsync(_ => Task.FromResult(File.Exists(data)), "perf record to attach", TimeSpan.FromSeconds(20), cancellationToken).ConfigureAwait(false);
        return new PerfProfile(process, data);
    }

    /// <summary>
    /// Stops sampling and returns where the time went: by thread, by module, and the top <paramref name="symbols"/> symbols by self
    /// time (each view down to 0.5%).
    /// </summary>
    public async Task<IReadOnlyList<string>> StopAsync(int symbols, CancellationToken cancellationToken)
    {
        _perf.Interrupt();
        await _perf.WaitForExitAsync(TimeSpan.FromSeconds(60)).ConfigureAwait(false);
        var lines = new List<string>();
        foreach (var (title, sort, take) in new[] { ("by thread", "comm", 12), ("by module", "dso", 12), ("by symbol", "dso,symbol", symbols) })
        {
            ProcessResult report = await ProcessRunner.RunAsync(Machine.FindOnPath("perf")!,
                ["report", "-i", _data, "--stdio", "--no-children", "--sort", sort, "-g", "none", "--percent-limit", "0.5"],
                TimeSpan.FromMinutes(5), cancellationToken: cancellationToken).ConfigureAwait(false);
            lines.Add(title + ":");
            lines.AddRange(report.StandardOutput.Split('\n')
                .Where(line => line.Trim().Length > 0 && !line.StartsWith('#'))
                .Take(take)
                .Select(line => "  " + Shorten(line.Trim())));
        }

        return lines;
    }

    /// <summary>A report line without perf's padding and with long .NET signatures cut.</summary>
    private static string Shorten(string line)
    {
        string squeezed = string.Join(' ', line.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return squeezed.Length <= 200 ? squeezed : squeezed[..197] + "...";
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => _perf.DisposeAsync();
}
