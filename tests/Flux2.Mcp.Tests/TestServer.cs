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

    /// <summary>Where every server of this test run keeps its files; deleted when the test process exits.</summary>
    private static readonly TempDirectory Scratch = TempDirectory.DeletedAtExit("mcp");

    /// <summary>Configuration of the server as key/value pairs: fal pointed at the simulator with a key, no retries, temp folders.</summary>
    public static Dictionary<string, string> Settings(SimulatorServer simulator, string outputDirectory, IDictionary<string, string>? extra = null) =>
        SimulatedFalSettings.For(simulator, ApiKey, outputDirectory, outputDirectory + "-cache", extra);

    /// <summary>A new, empty output folder (its cache goes beside it, in <c>-cache</c>).</summary>
    public static string NewOutputDirectory() => Scratch.Sub(Guid.NewGuid().ToString("N")[..12]);

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
        Flux2McpHost.BuildHttp([$"--urls={urls}", .. SimulatedFalSettings.AsArguments(settings)]);

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
            Command = DotnetHost.Path,
            Arguments = [ServerDll()],
            EnvironmentVariables = SimulatedFalSettings.AsEnvironment(Settings(simulator, output, extra)),
            Name = "flux2-mcp",
        });
        var client = await McpClient.CreateAsync(transport, clientOptions);
        return new TestServer(client, output, null);
    }

    public static string ServerDll() => Path.Combine(AppContext.BaseDirectory, "flux2-mcp.dll");

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        if (_app is not null)
        {
            await _app.DisposeAsync();
            _app = null;
        }

        DeleteQuietly(OutputDirectory);
        DeleteQuietly(OutputDirectory + "-cache");
    }

    /// <summary>Deletes a folder a server wrote to, ignoring one that is gone or still held.</summary>
    public static void DeleteQuietly(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
        catch (IOException)
        {
        }
    }
}
