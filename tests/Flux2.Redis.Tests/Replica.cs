using System.Diagnostics;
using System.Text;
using Flux2.Mcp;
using Flux2.Simulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Flux2.Redis.Tests;

/// <summary>
/// One replica of the MCP server over streamable HTTP, with a real MCP client: in this process (the host the server builds) or
/// as the real flux2-mcp process (so it can be killed). Every replica shares the simulator (fal, one key) and the Redis.
/// </summary>
internal sealed class Replica : IAsyncDisposable
{
    public const string ApiKey = "sk-redis-test-key-0815";

    private readonly WebApplication? _app;
    private readonly Process? _process;
    private readonly StringBuilder? _processLog;

    private Replica(McpClient client, string outputDirectory, WebApplication? app, Process? process, StringBuilder? processLog)
    {
        Client = client;
        OutputDirectory = outputDirectory;
        _app = app;
        _process = process;
        _processLog = processLog;
    }

    /// <summary>What the process replica wrote to stdout and stderr.</summary>
    public string ProcessLog
    {
        get
        {
            if (_processLog is null)
            {
                return "";
            }

            lock (_processLog)
            {
                return _processLog.ToString();
            }
        }
    }

    public McpClient Client { get; }

    public string OutputDirectory { get; }

    /// <summary>The host's services (in-process replicas only).</summary>
    public IServiceProvider Services => _app?.Services ?? throw new InvalidOperationException("A process replica has no services here.");

    /// <summary>The server's settings: fal on the simulator, no retries, Redis with the test's prefix, temp folders.</summary>
    public static Dictionary<string, string> Settings(SimulatorServer simulator, RedisServerFixture redis, string prefix, string output, IDictionary<string, string>? extra)
    {
        var settings = new Dictionary<string, string>
        {
            ["Flux2:Provider"] = "fal",
            ["Flux2:Providers:fal:ApiKey"] = ApiKey,
            ["Flux2:Providers:fal:BaseUrl"] = simulator.DialectUrl("fal").ToString(),
            ["Flux2:Providers:fal:QueueBaseUrl"] = simulator.DialectUrl("fal-queue").ToString(),
            ["Flux2:Providers:fal:MaxRetries"] = "0",
            ["Flux2:OutputDirectory"] = output,
            ["Flux2:Tools:CacheDirectory"] = output + "-cache",
            ["Flux2:Store:Redis"] = redis.ConnectionString,
            ["Flux2:Store:KeyPrefix"] = prefix,
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        return settings;
    }

    public static async Task<Replica> StartAsync(SimulatorServer simulator, RedisServerFixture redis, string prefix, IDictionary<string, string>? extra = null)
    {
        string output = NewOutputDirectory();
        var settings = Settings(simulator, redis, prefix, output, extra);
        var app = Flux2McpHost.BuildHttp(["--urls=http://127.0.0.1:0", .. settings.Select(p => $"--{p.Key}={p.Value}")]);
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions { Endpoint = new Uri(new Uri(address), Flux2McpHost.HttpPath) }));
        return new Replica(client, output, app, null, null);
    }

    /// <summary>Starts the real flux2-mcp (the built dll under dotnet) with <c>--http</c> on a free port.</summary>
    public static async Task<Replica> StartProcessAsync(SimulatorServer simulator, RedisServerFixture redis, string prefix, IDictionary<string, string>? extra = null)
    {
        string output = NewOutputDirectory();
        int port = RedisServerFixture.FreePort();
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "flux2-mcp.dll"));
        start.ArgumentList.Add("--http");
        start.ArgumentList.Add($"--urls=http://127.0.0.1:{port}");
        foreach (var (key, value) in Settings(simulator, redis, prefix, output, extra))
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var log = new StringBuilder();
        var process = Process.Start(start) ?? throw new InvalidOperationException("flux2-mcp did not start.");
        process.OutputDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var endpoint = new Uri($"http://127.0.0.1:{port}{Flux2McpHost.HttpPath}");
        var waited = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"flux2-mcp exited with {process.ExitCode}: {log}");
            }

            try
            {
                var client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions { Endpoint = endpoint }));
                return new Replica(client, output, null, process, log);
            }
            catch (HttpRequestException) when (waited.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(200);
            }
        }
    }

    /// <summary>Kills the process replica at once, as a crash would (no shutdown, no cleanup).</summary>
    public void Kill()
    {
        var process = _process ?? throw new InvalidOperationException("Only a process replica can be killed.");
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    /// <summary>Calls generate_image; the result, or the exception.</summary>
    public async Task<CallToolResult> GenerateAsync(string prompt, IProgress<ProgressNotificationValue>? progress = null, CancellationToken cancellationToken = default) =>
        await Client.CallToolAsync("generate_image", new Dictionary<string, object?> { ["prompt"] = prompt, ["output_format"] = "png" }, progress, cancellationToken: cancellationToken);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Client.DisposeAsync();
        }
        catch (Exception) when (_process is not null)
        {
            // A killed replica cannot say goodbye.
        }

        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        if (_process is not null)
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }

            _process.Dispose();
        }

        foreach (string dir in new[] { OutputDirectory, OutputDirectory + "-cache" })
        {
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (DirectoryNotFoundException)
            {
            }
            catch (IOException)
            {
            }
        }
    }

    private static string NewOutputDirectory()
    {
        string dir = Path.Combine(Path.GetTempPath(), "flux2-redis-tests", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host
        : Process.GetCurrentProcess().MainModule?.FileName is { } main && Path.GetFileNameWithoutExtension(main) == "dotnet" ? main : "dotnet";
}
