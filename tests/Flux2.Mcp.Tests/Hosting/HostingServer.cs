using Flux2.Simulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Flux2.Mcp.Tests;

/// <summary>An in-process HTTP flux2-mcp replica on a free loopback port, with fal pointed at the simulator.</summary>
internal sealed class HostingServer : IAsyncDisposable
{
    private HostingServer(WebApplication app, string output)
    {
        App = app;
        Output = output;
        BaseAddress = TestServer.Address(app);
    }

    public WebApplication App { get; }

    public string Output { get; }

    public Uri BaseAddress { get; }

    public Uri Endpoint => new(BaseAddress, Flux2McpHost.HttpPath);

    public static async Task<HostingServer> StartAsync(SimulatorServer simulator, IDictionary<string, string>? extra = null, Action<IServiceCollection>? configureServices = null, bool withKey = true)
    {
        string output = TestServer.NewOutputDirectory();
        var settings = TestServer.Settings(simulator, output, extra);
        if (!withKey)
        {
            settings.Remove("Flux2:Providers:fal:ApiKey");
        }

        var app = Flux2McpHost.BuildHttp(["--urls=http://127.0.0.1:0", .. SimulatedFalSettings.AsArguments(settings)], configureServices);
        await app.StartAsync();
        return new HostingServer(app, output);
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        TestServer.DeleteQuietly(Output);
        TestServer.DeleteQuietly(Output + "-cache");
    }
}
