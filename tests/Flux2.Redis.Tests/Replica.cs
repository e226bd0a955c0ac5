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
    private readonly BackgroundProcess? _process;
    private readonly TempDirectory _root;

    private Replica(McpClient client, TempDirectory root, WebApplication? app, BackgroundProcess? process)
    {
        Client = client;
        _root = root;
        _app = app;
        _process = process;
    }

    /// <summary>What the process replica wrote to stdout and stderr.</summary>
    public string ProcessLog => _process?.Log ?? "";

    public McpClient Client { get; }

    /// <summary>Where the replica saves images.</summary>
    public string OutputDirectory => _root.Combine("out");

    /// <summary>The host's services (in-process replicas only).</summary>
    public IServiceProvider Services => _app?.Services ?? throw new InvalidOperationException("A process replica has no services here.");

    /// <summary>The server's settings: fal on the simulator, no retries, Redis with the test's prefix, temp folders.</summary>
    public static Dictionary<string, string> Settings(SimulatorServer simulator, RedisServerFixture redis, string prefix, TempDirectory root, IDictionary<string, string>? extra)
    {
        var settings = SimulatedFalSettings.For(simulator, ApiKey, root.Combine("out"), root.Combine("cache"));
        settings["Flux2:Store:Redis"] = redis.ConnectionString;
        settings["Flux2:Store:KeyPrefix"] = prefix;
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        return settings;
    }

    public static async Task<Replica> StartAsync(SimulatorServer simulator, RedisServerFixture redis, string prefix, IDictionary<string, string>? extra = null)
    {
        var root = new TempDirectory("redis-replica");
        var app = Flux2McpHost.BuildHttp(["--urls=http://127.0.0.1:0", .. SimulatedFalSettings.AsArguments(Settings(simulator, redis, prefix, root, extra))]);
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions { Endpoint = new Uri(new Uri(address), Flux2McpHost.HttpPath) }));
        return new Replica(client, root, app, null);
    }

    /// <summary>Starts the real flux2-mcp (the built dll under dotnet) with <c>--http</c> on a free port.</summary>
    public static async Task<Replica> StartProcessAsync(SimulatorServer simulator, RedisServerFixture redis, string prefix, IDictionary<string, string>? extra = null)
    {
        var root = new TempDirectory("redis-replica");
        int port = LoopbackPort.Free();
        var start = DotnetHost.Start(Path.Combine(AppContext.BaseDirectory, "flux2-mcp.dll"), ["--http", $"--urls=http://127.0.0.1:{port}"]);
        ChildEnvironment.RemoveSecretsAndSettings(start);
        ChildEnvironment.Apply(start, SimulatedFalSettings.AsEnvironment(Settings(simulator, redis, prefix, root, extra)));
        var process = BackgroundProcess.Start(start, "flux2-mcp");
        try
        {
            await process.WaitForPortAsync(port, TimeSpan.FromSeconds(60));
            var client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions { Endpoint = new Uri($"http://127.0.0.1:{port}{Flux2McpHost.HttpPath}") }));
            return new Replica(client, root, null, process);
        }
        catch
        {
            await process.DisposeAsync();
            root.Dispose();
            throw;
        }
    }

    /// <summary>Kills the process replica at once, as a crash would (no shutdown, no cleanup).</summary>
    public void Kill() => (_process ?? throw new InvalidOperationException("Only a process replica can be killed.")).Kill();

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
            await _process.DisposeAsync();
        }

        _root.Dispose();
    }
}
