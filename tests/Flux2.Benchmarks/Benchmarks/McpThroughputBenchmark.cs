using System.Collections.Concurrent;
using System.Diagnostics;
using Flux2.Simulator;

namespace Flux2.Benchmarks;

/// <summary>
/// Issue 18, item 6: hosted throughput. 50 MCP client sessions (SDK <c>McpClient</c> over HTTP) x 20 <c>generate_image</c> calls
/// (1024x1024, previews and everything else at their defaults) against one published flux2-mcp replica and a simulator whose every
/// job takes 200 ms (fal limit 64, so no call waits for a slot). The ideal wall time is 20 x 200 ms: the calls of a session follow
/// each other and nothing else costs time. Each round starts every variant afresh: "cold" is a new replica's first 1,000 calls
/// (after one call per session), "warm" 1,000 calls after 1,000 more. Target, for a replica as docs/hosting.md publishes it (Native
/// AOT, server GC): cold and warm at most 1.4x the ideal (medians of rounds).
/// Beside it: the floor of this machine (the same 1,000 jobs sent straight to the simulator by 50 bare HTTP workers, fal sync POST
/// + image GET), the server's and the load's CPU per call, and variants that change one thing at a time, so the report says where
/// the per-call time goes. <c>--profile</c> samples the warm run of the hosted and the framework-dependent replica with perf.
/// </summary>
internal sealed class McpThroughputBenchmark : IBenchmark
{
    private const int Sessions = 50;
    private const int CallsPerSession = 20;
    private const int ClientLimit = 64;
    private const double Target = 1.4;
    private const string Prompt = "a lighthouse on a cliff at dusk, throughput benchmark";
    private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(200);

    public string Name => "mcp-throughput";

    public string Description => "50 HTTP sessions x 20 generate_image against a 200 ms job on one hosted flux2-mcp replica vs the ideal 20 x 200 ms (<= 1.4x)";

    public async Task RunAsync(BenchOptions options, BenchReport report, CancellationToken cancellationToken)
    {
        await using SimulatorServer simulator = await SimulatorServer.StartAsync(new SimulatorOptions { Latency = Latency }, cancellationToken).ConfigureAwait(false);
        string folder = Path.Combine(options.WorkDirectory, "mcp-throughput");
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
        double idealMs = CallsPerSession * Latency.TotalMilliseconds;
        var variants = Variants(options);
        var builds = new Dictionary<(bool Aot, bool ServerGc), string>();
        foreach (var build in variants.Select(v => (v.Aot, v.ServerGc)).Distinct().ToList())
        {
            try
            {
                builds[build] = await DotnetBuilds.PublishAsync(options, "Flux2.Mcp", build.Aot, build.ServerGc, cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidOperationException ex) when (build.Aot)
            {
                // Native AOT needs clang and zlib1g-dev: without them the hosted build is not measured, and the target is a miss that says why.
                report.Verdict($"{variants[0].Label}: wall time / ideal", false,
                    $"not measured: the Native AOT build failed (apt-get install -y clang zlib1g-dev): {ex.Message.Split('\n')[0]}");
                variants.RemoveAll(v => v.Aot);
            }
        }

        if (variants.Count == 0)
        {
            return;
        }

        BenchReport.Note($"load average at start: {Machine.LoadAverage()}");
        using var raw = new RawFal(simulator);
        BenchReport.Note($"warm-up direct: {(await DirectAsync(raw, 2, cancellationToken).ConfigureAwait(false)).Describe()}");

        int rounds = options.Quick ? 1 : options.Rounds;
        var floor = new List<McpLoadRun>();
        var results = variants.ToDictionary(v => v, _ => new Measured());
        var profiles = new List<(string Label, IReadOnlyList<string> Lines)>();
        for (int round = 0; round < rounds; round++)
        {
            // Alternate the order, so drift on a shared machine hits every variant alike.
            var order = Enumerable.Range(-1, variants.Count + 1).ToList();
            if (round % 2 == 1)
            {
                order.Reverse();
            }

            foreach (int which in order)
            {
                if (which < 0)
                {
                    McpLoadRun run = await DirectAsync(raw, CallsPerSession, cancellationToken).ConfigureAwait(false);
                    floor.Add(run);
                    BenchReport.Note($"round {round + 1}/{rounds}, direct to the simulator: {run.Describe()}");
                    continue;
                }

                Variant variant = variants[which];
                Measured measured = results[variant];
                var settings = new Dictionary<string, string?>(variant.Settings);
                bool profiled = options.Profile && variant.Profiled && round == rounds - 1;
                if (profiled)
                {
                    foreach (var (key, value) in PerfProfile.Environment)
                    {
                        settings[key] = value;
                    }
                }

                await using McpHttpReplica replica = await McpHttpReplica.StartAsync(variant.Label, builds[(variant.Aot, variant.ServerGc)], simulator, folder, ClientLimit, settings, cancellationToken).ConfigureAwait(false);

                // One call per session first: every client connects (initialize) and the simulator's render cache has the 50 seeds.
                _ = await LoadAsync(replica.Endpoint, 1, cancellationToken).ConfigureAwait(false);
                (McpLoadRun cold, double coldCpu, _) = await MeasureAsync(replica, cancellationToken).ConfigureAwait(false);

                // 1,000 calls more, not counted, so that "warm" is warm: a JIT build has tiered up its hot code by then.
                _ = await LoadAsync(replica.Endpoint, CallsPerSession, cancellationToken).ConfigureAwait(false);
                PerfProfile? perf = profiled
                    ? await PerfProfile.StartAsync(replica.Process.Id, Path.Combine(folder, $"perf-{which}.data"), cancellationToken).ConfigureAwait(false)
                    : null;
                await using (perf)
                {
                    (McpLoadRun warm, double warmCpu, double warmLoadCpu) = await MeasureAsync(replica, cancellationToken).ConfigureAwait(false);
                    if (perf is not null)
                    {
                        profiles.Add((variant.Label, await perf.StopAsync(25, cancellationToken).ConfigureAwait(false)));
                    }

                    measured.Add(cold, coldCpu, warm, warmCpu, warmLoadCpu, ProcessRunner.PeakResidentBytes(replica.Process.Id));
                    BenchReport.Note($"round {round + 1}/{rounds}, {variant.Label}: cold {cold.Describe()} = {BenchReport.X(cold.WallMs / idealMs)}, server CPU {BenchReport.Ms(coldCpu)}/call; "
                        + $"warm {warm.Describe()} = {BenchReport.X(warm.WallMs / idealMs)}, server CPU {BenchReport.Ms(warmCpu)}/call, load {BenchReport.Ms(warmLoadCpu)}/call");
                }
            }
        }

        BenchReport.Note($"load average now: {Machine.LoadAverage()}");
        McpLoadSummary direct = McpLoadSummary.Of(floor);
        report.Figure("ideal", $"{CallsPerSession} calls x {BenchReport.Ms(Latency.TotalMilliseconds)} = {BenchReport.Ms(idealMs)} per session, {Sessions} sessions at once");
        report.Figure("floor: direct HTTP", direct.Describe() + $" = {BenchReport.X(direct.WallMs / idealMs)} ideal");
        foreach (Variant variant in variants)
        {
            Measured measured = results[variant];
            McpLoadSummary cold = McpLoadSummary.Of(measured.Cold);
            McpLoadSummary warm = McpLoadSummary.Of(measured.Warm);
            report.Figure($"[{variant.Label}]", variant.Why);
            report.Figure("  cold: first 1,000 calls", cold.Describe() + $" = {BenchReport.X(cold.WallMs / idealMs)} ideal; server CPU {BenchReport.Ms(Stats.Median(measured.ColdCpu))}/call");
            report.Figure("  warm: 1,000 after 1,000", warm.Describe() + $" = {BenchReport.X(warm.WallMs / idealMs)} ideal; server CPU {BenchReport.Ms(Stats.Median(measured.WarmCpu))}/call, "
                + $"clients and simulator {BenchReport.Ms(Stats.Median(measured.WarmLoadCpu))}/call; peak RSS {BenchReport.Bytes(Stats.Median(measured.PeakRss))}");
            if (variant.Aot && variant == variants[0])
            {
                double worst = Math.Max(cold.WallMs, warm.WallMs) / idealMs;
                report.Verdict($"{variant.Label}: wall time / ideal", worst <= Target && warm.Errors + cold.Errors == 0,
                    $"cold {BenchReport.Ms(cold.WallMs)}, warm {BenchReport.Ms(warm.WallMs)} / {BenchReport.Ms(idealMs)} = {BenchReport.X(cold.WallMs / idealMs)}, {BenchReport.X(warm.WallMs / idealMs)} "
                    + $"(target <= {BenchReport.X(Target)}), p50 {BenchReport.Ms(cold.P50)}, {BenchReport.Ms(warm.P50)}; floor {BenchReport.X(direct.WallMs / idealMs)}; {warm.Errors + cold.Errors} errors"
                    + ((warm.FirstError ?? cold.FirstError) is { } e ? $"; first error: {e}" : ""));
            }
        }

        foreach (var (label, lines) in profiles)
        {
            report.Figure($"profile: {label}", "the warm run of the last round, perf record -F 999 -g, self time:");
            foreach (string line in lines)
            {
                Console.WriteLine("    " + line);
            }
        }
    }

    /// <summary>The set-ups compared; the first (a replica as docs/hosting.md publishes it) is what the target applies to.</summary>
    private static List<Variant> Variants(BenchOptions options)
    {
        var remote = new Dictionary<string, string?> { ["Flux2__Mcp__RemoteClients"] = "true" };
        var variants = new List<Variant>
        {
            new("hosted: Native AOT, server GC, remote clients", true, true, remote,
                "as docs/hosting.md runs a replica: dotnet publish -p:ServerGarbageCollection=true, users on other machines (no files saved)", Profiled: true),
            new("framework-dependent (ReadyToRun)", false, false, [], "the benchmarks' usual build (mcp-scale-out's): JIT, workstation GC, loopback defaults (every image saved)", Profiled: true),
            new("framework-dependent, server GC", false, false, new() { ["DOTNET_gcServer"] = "1" }, "DOTNET_gcServer=1, loopback defaults"),
            new("hosted, every image saved", true, true, [], "diagnosis: the hosted build with loopback defaults (Flux2:Tools:SaveImages on)"),
            new("hosted, previews off", true, true, new(remote) { ["Flux2__Mcp__Previews"] = "false" }, "diagnosis: Flux2:Mcp:Previews=false"),
        };
        return options.Quick ? variants[..1] : variants;
    }

    private static async Task<(McpLoadRun Run, double ServerCpuMs, double LoadCpuMs)> MeasureAsync(McpHttpReplica replica, CancellationToken cancellationToken)
    {
        TimeSpan server = replica.CpuTime() ?? TimeSpan.Zero;
        TimeSpan load = Process.GetCurrentProcess().TotalProcessorTime;
        McpLoadRun run = await LoadAsync(replica.Endpoint, CallsPerSession, cancellationToken).ConfigureAwait(false);
        int calls = Sessions * CallsPerSession;
        return (run, ((replica.CpuTime() ?? TimeSpan.Zero) - server).TotalMilliseconds / calls, (Process.GetCurrentProcess().TotalProcessorTime - load).TotalMilliseconds / calls);
    }

    private static Task<McpLoadRun> LoadAsync(Uri endpoint, int calls, CancellationToken cancellationToken) =>
        McpLoad.RunAsync(endpoint, Sessions, calls, (session, _) => McpLoad.Generate(session, Prompt), cancellationToken);

    /// <summary>The floor: 50 workers each sending <paramref name="calls"/> fal sync calls and fetching the image, straight to the simulator.</summary>
    private static async Task<McpLoadRun> DirectAsync(RawFal raw, int calls, CancellationToken cancellationToken)
    {
        var latencies = new ConcurrentBag<double>();
        long started = Stopwatch.GetTimestamp();
        await Parallel.ForEachAsync(Enumerable.Range(0, Sessions), new ParallelOptions { MaxDegreeOfParallelism = Sessions, CancellationToken = cancellationToken }, async (session, token) =>
        {
            for (int call = 0; call < calls; call++)
            {
                long callStarted = Stopwatch.GetTimestamp();
                using var output = await raw.SyncAsync(RawFal.Body(Prompt, 1024, 1024, session + 1), token).ConfigureAwait(false);
                string url = output.RootElement.GetProperty("images")[0].GetProperty("url").GetString()!;
                _ = await raw.GetBytesAsync(new Uri(url), token).ConfigureAwait(false);
                latencies.Add(Stopwatch.GetElapsedTime(callStarted).TotalMilliseconds);
            }
        }).ConfigureAwait(false);
        return new McpLoadRun([.. latencies], 0, Stopwatch.GetElapsedTime(started).TotalMilliseconds, null);
    }

    /// <summary>
    /// One replica set-up: its label, its build (Native AOT or not, server GC or not), the settings it adds (environment names), why it
    /// is here, and whether <c>--profile</c> samples it (perf names a JIT build's frames through the runtime's perf map, a Native AOT
    /// build's through its symbol file).
    /// </summary>
    private sealed record Variant(string Label, bool Aot, bool ServerGc, Dictionary<string, string?> Settings, string Why, bool Profiled = false);

    /// <summary>What the rounds measured of one variant.</summary>
    private sealed class Measured
    {
        public List<McpLoadRun> Cold { get; } = [];

        public List<McpLoadRun> Warm { get; } = [];

        public List<double> ColdCpu { get; } = [];

        public List<double> WarmCpu { get; } = [];

        public List<double> WarmLoadCpu { get; } = [];

        public List<double> PeakRss { get; } = [];

        public void Add(McpLoadRun cold, double coldCpu, McpLoadRun warm, double warmCpu, double warmLoadCpu, long? peakRss)
        {
            Cold.Add(cold);
            ColdCpu.Add(coldCpu);
            Warm.Add(warm);
            WarmCpu.Add(warmCpu);
            WarmLoadCpu.Add(warmLoadCpu);
            if (peakRss is { } rss)
            {
                PeakRss.Add(rss);
            }
        }
    }
}
