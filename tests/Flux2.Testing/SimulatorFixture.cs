using Flux2.Simulator;
using Xunit;

namespace Flux2.Testing;

/// <summary>
/// One loopback provider simulator shared by the tests of a class (<c>IClassFixture</c>) or a collection, recording every request
/// it receives (<see cref="SimulatorServer.Requests"/>) so tests can assert what reached the provider.
/// </summary>
public sealed class SimulatorFixture : IAsyncLifetime
{
    private SimulatorServer? _server;

    /// <summary>The running simulator.</summary>
    public SimulatorServer Server => _server ?? throw new InvalidOperationException("The simulator has not started.");

    /// <summary>Starts the simulator on an ephemeral loopback port.</summary>
    public async Task InitializeAsync() => _server = await SimulatorServer.StartAsync(new SimulatorOptions { RecordRequests = true });

    /// <summary>Stops the simulator.</summary>
    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
