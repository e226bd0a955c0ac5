using Flux2.Simulator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Flux2.Agents.Tests;

/// <summary>
/// The tool core wired as a host wires it (<c>AddFlux2Tools</c>) against a test's own simulator over real HTTP, with its output and
/// cache folders in a temp folder that goes with it.
/// </summary>
internal sealed class SimulatedTools : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private SimulatedTools(SimulatorServer server, TempDirectory root, ServiceProvider services)
    {
        Server = server;
        Root = root;
        _services = services;
    }

    /// <summary>The simulator the providers are pointed at.</summary>
    public SimulatorServer Server { get; }

    /// <summary>The temp folder holding <see cref="OutputDirectory"/> and the image cache.</summary>
    public TempDirectory Root { get; }

    /// <summary>Flux2:OutputDirectory.</summary>
    public string OutputDirectory => Root.Combine("out");

    /// <summary>The host's services.</summary>
    public IServiceProvider Services => _services;

    /// <summary>The tool core.</summary>
    public Flux2ImageTools Tools => _services.GetRequiredService<Flux2ImageTools>();

    /// <summary>
    /// Starts a simulator (no latency unless <paramref name="options"/> says), then the tool core with the output and cache folders,
    /// <paramref name="settings"/> (given the simulator) on top, and <paramref name="configureServices"/> before AddFlux2Tools.
    /// </summary>
    public static async Task<SimulatedTools> StartAsync(
        string purpose,
        Func<SimulatorServer, IDictionary<string, string?>> settings,
        SimulatorOptions? options = null,
        Action<IServiceCollection>? configureServices = null)
    {
        SimulatorServer server = await SimulatorServer.StartAsync(options ?? new SimulatorOptions { Latency = TimeSpan.Zero });
        var root = new TempDirectory(purpose);
        var values = new Dictionary<string, string?>
        {
            ["Flux2:OutputDirectory"] = root.Combine("out"),
            ["Flux2:Tools:CacheDirectory"] = root.Combine("cache"),
        };
        foreach (var (key, value) in settings(server))
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        configureServices?.Invoke(services);
        services.AddFlux2Tools(configuration);
        return new SimulatedTools(server, root, services.BuildServiceProvider());
    }

    /// <summary>fal as the provider, with <paramref name="key"/> and both base URLs on <paramref name="server"/>.</summary>
    public static Dictionary<string, string?> Fal(SimulatorServer server, string key = "test-key") => new()
    {
        ["Flux2:Provider"] = "fal",
        ["Flux2:Providers:Fal:ApiKey"] = key,
        ["Flux2:Providers:Fal:BaseUrl"] = server.DialectUrl("fal").ToString(),
        ["Flux2:Providers:Fal:QueueBaseUrl"] = server.DialectUrl("fal-queue").ToString(),
    };

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Server.DisposeAsync();
        Root.Dispose();
    }
}
