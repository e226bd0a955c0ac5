using Flux2.Simulator;
using Microsoft.Extensions.DependencyInjection;

namespace Flux2.Client.Tests;

/// <summary>A loopback simulator plus a DI-built client whose fal provider points at it.</summary>
internal sealed class SimulatedFal : IAsyncDisposable
{
    public const string Key = "fal-test-key-5b0d6c2e9f";

    private SimulatedFal(SimulatorServer server, ServiceProvider services)
    {
        Server = server;
        Services = services;
    }

    public SimulatorServer Server { get; }

    public ServiceProvider Services { get; }

    public IFlux2Client Client => Services.GetRequiredService<IFlux2Client>();

    public static async Task<SimulatedFal> StartAsync(
        Action<Flux2ClientOptions>? configure = null,
        Action<IServiceCollection>? services = null,
        Action<SimulatorOptions>? simulator = null,
        string mode = "queue")
    {
        var simOptions = new SimulatorOptions { RecordRequests = true };
        simulator?.Invoke(simOptions);
        SimulatorServer server = await SimulatorServer.StartAsync(simOptions);
        var collection = new ServiceCollection();
        collection.AddFlux2Client(configure: options =>
        {
            options.EnvironmentReader = _ => null;
            options.Provider = Flux2Providers.Fal;
            options.Model = Flux2Models.Pro;
            Flux2ProviderOptions fal = options.GetProvider(Flux2Providers.Fal);
            fal.ApiKey = Key;
            fal.BaseUrl = server.DialectUrl("fal");
            fal.QueueBaseUrl = server.DialectUrl("fal-queue");
            fal.Mode = mode;
            fal.RetryBaseDelay = TimeSpan.FromMilliseconds(20);
            fal.MaxRetries = 3;
            configure?.Invoke(options);
        });
        services?.Invoke(collection);
        return new SimulatedFal(server, collection.BuildServiceProvider());
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Server.DisposeAsync();
    }
}
