using Flux2.Simulator;

namespace Flux2.Client.Tests.Providers;

/// <summary>One loopback simulator shared by the tests of a class (they run one after another).</summary>
public sealed class SimulatorFixture : IAsyncLifetime
{
    private SimulatorServer? _server;

    public SimulatorServer Server => _server ?? throw new InvalidOperationException("The simulator has not started.");

    public async Task InitializeAsync() => _server = await SimulatorServer.StartAsync(new SimulatorOptions());

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
