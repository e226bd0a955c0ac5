using System.Globalization;
using Flux2.Simulator;

namespace Flux2.Benchmarks;

/// <summary>A published flux2-mcp serving HTTP on a free loopback port, with its own output and cache folders and fal pointed at the simulator.</summary>
internal sealed class McpHttpReplica : IAsyncDisposable
{
    private McpHttpReplica(BackgroundProcess process, int port, string output)
    {
        Process = process;
        Port = port;
        Output = output;
    }

    /// <summary>The server process.</summary>
    public BackgroundProcess Process { get; }

    /// <summary>Its HTTP port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>Its output folder (<c>Flux2:OutputDirectory</c>).</summary>
    public string Output { get; }

    /// <summary>Its image cache folder (<c>Flux2:Tools:CacheDirectory</c>), beside the output folder.</summary>
    public string Cache => Output + "-cache";

    /// <summary>The MCP endpoint.</summary>
    public Uri Endpoint => new($"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}/mcp");

    /// <summary>
    /// Starts <c>flux2-mcp --http</c> from <paramref name="published"/> in a new folder under <paramref name="folder"/> with the fal
    /// limit <paramref name="maxConcurrency"/> and <paramref name="settings"/> on top (environment names, <c>__</c> for <c>:</c>; a null
    /// value removes one), and waits until <c>/readyz</c> answers.
    /// </summary>
    public static async Task<McpHttpReplica> StartAsync(
        string name, string published, SimulatorServer simulator, string folder, int maxConcurrency, IReadOnlyDictionary<string, string?>? settings, CancellationToken cancellationToken)
    {
        int port = LoopbackPort.Free();
        string output = Path.Combine(folder, $"replica-{port.ToString(CultureInfo.InvariantCulture)}");
        Directory.CreateDirectory(output);
        Dictionary<string, string?> env = McpServerSession.ServerEnvironment(simulator, output);
        env["Flux2__Providers__fal__MaxConcurrency"] = maxConcurrency.ToString(CultureInfo.InvariantCulture);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            env[key] = value;
        }

        BackgroundProcess process = ProcessRunner.Start(name, Path.Combine(published, "flux2-mcp"),
            ["--http", "--urls", $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}"], env);
        try
        {
            await process.WaitUntilOkAsync(new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/readyz"), TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await process.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return new McpHttpReplica(process, port, output);
    }

    /// <summary>True when the replica's /readyz runs a check named redis (the build has Flux2.Redis and the store is configured).</summary>
    public async Task<bool> ChecksRedisAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        string body = await http.GetStringAsync(new Uri($"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}/readyz"), cancellationToken).ConfigureAwait(false);
        return body.Contains("\"redis\"", StringComparison.Ordinal);
    }

    /// <summary>Files this replica saved into its output folder (one per generated image while saving is on).</summary>
    public int ImagesSaved() => Directory.EnumerateFiles(Output, "*", SearchOption.AllDirectories).Count();

    /// <summary>Peak resident set so far, formatted, or n/a.</summary>
    public string PeakRss() => ProcessRunner.PeakResidentBytes(Process.Id) is { } bytes ? BenchReport.Bytes(bytes) : "n/a";

    /// <summary>Resident set now in bytes (VmRSS), or null where there is no /proc.</summary>
    public long? ResidentBytes() => ProcessRunner.ResidentBytes(Process.Id);

    /// <summary>CPU time the process has used so far (user and system), or null where there is no /proc.</summary>
    public TimeSpan? CpuTime() => ProcessRunner.CpuTime(Process.Id);

    /// <summary>Stops the server, then deletes its output and cache folders (thousands of images per run on a shared disk).</summary>
    public async ValueTask DisposeAsync()
    {
        await Process.DisposeAsync().ConfigureAwait(false);
        foreach (string folder in new[] { Output, Cache })
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (DirectoryNotFoundException)
            {
            }
        }
    }
}
