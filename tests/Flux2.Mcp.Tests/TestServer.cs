using System.Diagnostics;
using Flux2.Simulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Flux2.Mcp.Tests;

/// <summary>Starts the MCP server against a simulator over stdio (the built dll under dotnet) or HTTP (in-process).</summary>
internal sealed class TestServer : IAsyncDisposable
{
    public const string ApiKey = "sk-test-secret-key-4711";

    private WebApplication? _app;

    private TestServer(McpClient client, string outputDirectory, WebApplication? app)
    {
        Client = client;
        OutputDirectory = outputDirectory;
        _app = app;
    }

    public McpClient Client { get; }

    public string OutputDirectory { get; }

    public Uri? HttpEndpoint { get; private set; }

    /// <summary>Configuration of the server as key/value pairs: fal pointed at the simulator with a key, no retries, temp folders.</summary>
    public static Dictionary<string, string> Settings(SimulatorServer simulator, string outputDirectory, IDictionary<string, string>? extra = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["Flux2:Provider"] = "fal",
            ["Flux2:Providers:fal:ApiKey"] = ApiKey,
            ["Flux2:Providers:fal:BaseUrl"] = simulator.DialectUrl("fal").ToString(),
            ["Flux2:Providers:fal:QueueBaseUrl"] = simulator.DialectUrl("fal-queue").ToString(),
            ["Flux2:Providers:fal:MaxRetries"] = "0",
            ["Flux2:OutputDirectory"] = outputDirectory,
            ["Flux2:Tools:CacheDirectory"] = Path.Combine(outputDirectory, "..", Path.GetFileName(outputDirectory) + "-cache"),
        };
        foreach (var pair in extra ?? new Dictionary<string, string>())
        {
            settings[pair.Key] = pair.Value;
        }

        return settings;
    }

    public static string NewOutputDirectory()
    {
        string dir = Path.Combine(Path.GetTempPath(), "flux2-mcp-tests", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        return dir;
    }

    public static Task<TestServer> StartAsync(string transport, SimulatorServer simulator, IDictionary<string, string>? extra = null, McpClientOptions? clientOptions = null) =>
        transport == "stdio" ? StartStdioAsync(simulator, extra, clientOptions) : StartHttpAsync(simulator, extra, clientOptions: clientOptions);

    public static async Task<TestServer> StartHttpAsync(
        SimulatorServer simulator, IDictionary<string, string>? extra = null, IDictionary<string, string>? headers = null, McpClientOptions? clientOptions = null)
    {
        string output = NewOutputDirectory();
        var app = BuildHttp(Settings(simulator, output, extra));
        await app.StartAsync();
        var endpoint = new Uri(Address(app), Flux2McpHost.HttpPath);
        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = endpoint,
            AdditionalHeaders = headers is null ? null : new Dictionary<string, string>(headers),
        });
        var client = await McpClient.CreateAsync(transport, clientOptions);
        return new TestServer(client, output, app) { HttpEndpoint = endpoint };
    }

    public static WebApplication BuildHttp(IDictionary<string, string> settings, string urls = "http://127.0.0.1:0") =>
        Flux2McpHost.BuildHttp([$"--urls={urls}", .. settings.Select(p => $"--{p.Key}={p.Value}")]);

    public static Uri Address(WebApplication app)
    {
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address);
    }

    public static async Task<TestServer> StartStdioAsync(SimulatorServer simulator, IDictionary<string, string>? extra = null, McpClientOptions? clientOptions = null)
    {
        string output = NewOutputDirectory();
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Command = DotnetHost(),
            Arguments = [ServerDll()],
            EnvironmentVariables = Settings(simulator, output, extra).ToDictionary(p => p.Key.Replace(":", "__", StringComparison.Ordinal), p => (string?)p.Value),
            Name = "flux2-mcp",
        });
        var client = await McpClient.CreateAsync(transport, clientOptions);
        return new TestServer(client, output, null);
    }

    public static string ServerDll() => Path.Combine(AppContext.BaseDirectory, "flux2-mcp.dll");

    public static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : Process.GetCurrentProcess().MainModule?.FileName is { } main && Path.GetFileNameWithoutExtension(main) == "dotnet" ? main : "dotnet";

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        if (_app is not null)
        {
            await _app.DisposeAsync();
            _app = null;
        }

        try
        {
            Directory.Delete(OutputDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
