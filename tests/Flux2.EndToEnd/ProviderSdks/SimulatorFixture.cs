using Flux2.Simulator;

namespace Flux2.EndToEnd;

/// <summary>The provider simulator, in process on an ephemeral loopback port, shared by a test class.</summary>
public sealed class SimulatorFixture : IAsyncLifetime
{
    private SimulatorServer? _server;

    /// <summary>The running simulator.</summary>
    public SimulatorServer Server => _server ?? throw new InvalidOperationException("The simulator has not started.");

    /// <summary>Starts the simulator.</summary>
    public async Task InitializeAsync() => _server = await SimulatorServer.StartAsync().ConfigureAwait(false);

    /// <summary>Stops the simulator.</summary>
    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }
    }
}
