using System.Globalization;
using System.Text;
using Flux2.Simulator;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Flux2.Benchmarks;

/// <summary>
/// Issue 11: 50 MCP client sessions over HTTP, each making 20 <c>generate_image</c> calls (1,000 images; simulator latency 200 ms a
/// job, the replicas' fal limit 64), through HAProxy (round robin, started here with a generated configuration on free ports) over two
/// published flux2-mcp processes in <c>Flux2:Mcp:SessionMode=Stateless</c>, beside the baseline: the same load straight to one replica
/// in the default session mode, measured in the same run (alternating rounds). With redis-server installed, the two replicas share
/// images and the fal limit through it (<c>Flux2:Store:Redis</c>). Target: 0 errors, both replicas serve, and (with Redis) an image
/// made through the proxy reads back through it whichever replica answers.
/// </summary>
internal sealed class McpScaleOutBenchmark : IBenchmark
{
    private const int Sessions = 50;
    private const int CallsPerSession = 20;
    private const int ClientLimit = 64;
    private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(200);

    public string Name => "mcp-scale-out";

    public string Description => "50 HTTP sessions x 20 generate_image via HAProxy over 2 Stateless flux2-mcp replicas vs 1 replica direct (0 errors)";

    public async Task RunAsync(BenchOptions options, BenchReport report, CancellationToken cancellationToken)
    {
        string haproxy = Machine.FindOnPath("haproxy")
            ?? throw new InvalidOperationException("haproxy is not installed: apt-get install -y haproxy (Debian), then run again");
        string published = await DotnetBuilds.PublishAsync(options, "Flux2.Mcp", cancellationToken: cancellationToken).ConfigureAwait(false);
        await using SimulatorServer simulator = await SimulatorServer.StartAsync(new SimulatorOptions { Latency = Latency }, cancellationToken).ConfigureAwait(false);
        string folder = Path.Combine(options.WorkDirectory, "mcp-scale-out");
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
        BenchReport.Note($"load average at start: {Machine.LoadAverage()}");
        await using BackgroundProcess? redis = StartRedis(folder, out string? store);
        bool installed = redis is not null;

        await using McpHttpReplica single = await StartReplicaAsync("one replica, default session mode", published, simulator, folder, sessionMode: null, store: null, cancellationToken).ConfigureAwait(false);
        await using McpHttpReplica first = await StartReplicaAsync("stateless replica 1", published, simulator, folder, "Stateless", store, cancellationToken).ConfigureAwait(false);
        await using McpHttpReplica second = await StartReplicaAsync("stateless replica 2", published, simulator, folder, "Stateless", store, cancellationToken).ConfigureAwait(false);
        if (store is not null && !await first.ChecksRedisAsync(cancellationToken).ConfigureAwait(false))
        {
            store = null;
        }

        BenchReport.Note(store is not null
            ? $"the two replicas share images and the fal limit (64 in all) through redis-server at {store}; the baseline replica uses none"
            : installed
                ? "this flux2-mcp build ignores Flux2:Store:Redis (its /readyz has no redis check): each replica keeps its own images and fal limit (64 each)"
                : "redis-server is not installed (apt-get install -y redis-server): each replica keeps its own images and fal limit (64 each)");
        int proxyPort = LoopbackPort.Free();
        string config = Path.Combine(folder, "haproxy.cfg");
        await File.WriteAllTextAsync(config, HaProxyConfig(proxyPort, [first.Port, second.Port]), cancellationToken).ConfigureAwait(false);
        await using BackgroundProcess proxy = ProcessRunner.Start("haproxy", haproxy, ["-f", config, "-db"]);
        var proxyBase = new Uri($"http://127.0.0.1:{proxyPort.ToString(CultureInfo.InvariantCulture)}");
        await proxy.WaitUntilOkAsync(new Uri(proxyBase, "/readyz"), TimeSpan.FromSeconds(20), cancellationToken).ConfigureAwait(false);
        BenchReport.Note($"haproxy {proxyBase} (round robin, health check GET /readyz) -> 127.0.0.1:{first.Port}, 127.0.0.1:{second.Port}; baseline 127.0.0.1:{single.Port}");

        var targets = new (string Label, Uri Endpoint)[]
        {
            ("baseline: 1 replica, direct", single.Endpoint),
            ("haproxy -> 2 stateless replicas", new Uri(proxyBase, "/mcp")),
        };

        // Warm-up (not counted): JIT, connection pools, and the simulator's render cache for the 50 seeds.
        foreach (var (label, endpoint) in targets)
        {
            McpLoadRun warm = await LoadAsync(endpoint, 2, cancellationToken).ConfigureAwait(false);
            BenchReport.Note($"warm-up {label}: {warm.Describe()}");
        }

        int rounds = options.Quick ? 1 : Math.Min(options.Rounds, 3);
        var runs = targets.ToDictionary(t => t.Label, _ => new List<McpLoadRun>());
        for (int round = 0; round < rounds; round++)
        {
            foreach (var (label, endpoint) in round % 2 == 0 ? targets : targets.Reverse())
            {
                McpLoadRun run = await LoadAsync(endpoint, CallsPerSession, cancellationToken).ConfigureAwait(false);
                runs[label].Add(run);
                BenchReport.Note($"round {round + 1}/{rounds}, {label}: {run.Describe()}");
            }
        }

        BenchReport.Note($"load average now: {Machine.LoadAverage()} (both set-ups share this machine's cores)");
        McpLoadSummary baseline = McpLoadSummary.Of(runs[targets[0].Label]);
        McpLoadSummary scaled = McpLoadSummary.Of(runs[targets[1].Label]);
        report.Figure(targets[0].Label, baseline.Describe() + $"; peak RSS {single.PeakRss()}");
        report.Figure(targets[1].Label, scaled.Describe() + $"; peak RSS {first.PeakRss()} + {second.PeakRss()}");
        report.Figure("  ratio to baseline", $"p50 {BenchReport.X(scaled.P50 / baseline.P50)}, p99 {BenchReport.X(scaled.P99 / baseline.P99)}, wall {BenchReport.X(scaled.WallMs / baseline.WallMs)}");
        int servedFirst = first.ImagesSaved();
        int servedSecond = second.ImagesSaved();
        report.Figure("  images per replica", $"{servedFirst} + {servedSecond} (all rounds and the warm-up; round robin per request)");
        report.Verdict("errors through the proxy", scaled.Errors == 0 && baseline.Errors == 0,
            $"{scaled.Errors} of {scaled.Calls} calls (baseline {baseline.Errors} of {baseline.Calls}); target 0" + ((scaled.FirstError ?? baseline.FirstError) is { } e ? $"; first: {e}" : ""));
        report.Verdict("both replicas serve", servedFirst > 0 && servedSecond > 0, $"{servedFirst} and {servedSecond} images");

        // An image made through the proxy, read back through it: round robin sends the reads to both replicas.
        (int read, int tried, string? readError) = await ReadBackAsync(targets[1].Endpoint, cancellationToken).ConfigureAwait(false);
        report.Figure("  generate, then read x4", $"{read} of {tried} resources/read of the new flux2://images/{{id}} answered through the proxy" + (readError is null ? "" : $" (other replica: {readError})"));
        if (store is not null)
        {
            report.Verdict("images shared through Redis", read == tried, $"{read} of {tried} reads answered by either replica");
        }
        else
        {
            // Not measured is not met: the verdict stays, as a miss that says why.
            report.Verdict("images shared through Redis", false, installed
                ? "skipped: this flux2-mcp build has no redis check (its /readyz names none); not verified"
                : "skipped: redis-server not installed (apt-get install -y redis-server); not verified");
        }
    }

    /// <summary>Generates one image through <paramref name="endpoint"/>, then reads its resource four times through it.</summary>
    private static async Task<(int Read, int Tried, string? Error)> ReadBackAsync(Uri endpoint, CancellationToken cancellationToken)
    {
        McpClient client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions { Endpoint = endpoint }), cancellationToken: cancellationToken).ConfigureAwait(false);
        await using (client.ConfigureAwait(false))
        {
            CallToolResult made = await client.CallToolAsync("generate_image", new Dictionary<string, object?> { ["prompt"] = "read me back", ["size"] = "512x512", ["seed"] = 7 },
                cancellationToken: cancellationToken).ConfigureAwait(false);
            string uri = made.Content.OfType<ResourceLinkBlock>().FirstOrDefault()?.Uri
                ?? throw new InvalidOperationException("generate_image returned no resource link: " + string.Concat(made.Content.OfType<TextContentBlock>().Select(t => t.Text)));
            int read = 0;
            string? error = null;
            const int Tries = 4;
            for (int i = 0; i < Tries; i++)
            {
                try
                {
                    ReadResourceResult result = await client.ReadResourceAsync(uri, cancellationToken: cancellationToken).ConfigureAwait(false);
                    read += result.Contents.OfType<BlobResourceContents>().Any() ? 1 : 0;
                }
                catch (McpException ex)
                {
                    error ??= ex.Message;
                }
            }

            return (read, Tries, error);
        }
    }

    /// <summary>Starts redis-server (no persistence) on a free loopback port, or returns null when it is not installed.</summary>
    private static BackgroundProcess? StartRedis(string folder, out string? connection)
    {
        connection = null;
        if (Machine.FindOnPath("redis-server") is not { } executable)
        {
            return null;
        }

        int port = LoopbackPort.Free();
        string directory = Path.Combine(folder, "redis");
        Directory.CreateDirectory(directory);
        connection = $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        return ProcessRunner.Start("redis-server", executable,
            ["--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", directory, "--daemonize", "no"]);
    }

        private static Task<McpLoadRun> LoadAsync(Uri endpoint, int calls, CancellationToken cancellationToken) =>
        McpLoad.RunAsync(endpoint, Sessions, calls, (session, _) => McpLoad.Generate(session, "a lighthouse on a cliff at dusk, scale-out benchmark"), cancellationToken);

    private static Task<McpHttpReplica> StartReplicaAsync(
        string name, string published, SimulatorServer simulator, string folder, string? sessionMode, string? store, CancellationToken cancellationToken) =>
        McpHttpReplica.StartAsync(name, published, simulator, folder, ClientLimit, new Dictionary<string, string?>
        {
            ["Flux2__Mcp__SessionMode"] = sessionMode,
            ["Flux2__Store__Redis"] = store,
        }, cancellationToken);

    private static string HaProxyConfig(int port, IReadOnlyList<int> replicas)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"""
            global
                maxconn 4096

            defaults
                mode http
                timeout connect 5s
                timeout client 120s
                timeout server 120s

            frontend mcp
                bind 127.0.0.1:{port}
                default_backend replicas

            backend replicas
                balance roundrobin
                option httpchk GET /readyz

            """);
        for (int i = 0; i < replicas.Count; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"    server replica{i + 1} 127.0.0.1:{replicas[i]} check inter 2s\n");
        }

        return text.ToString();
    }
}
