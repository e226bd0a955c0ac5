using Flux2.Simulator;

namespace Flux2.SemanticKernel.Tests;

/// <summary>One loopback simulator shared by the tests of a class.</summary>
public sealed class SimulatorFixture : IAsyncLifetime
{
    public SimulatorServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await SimulatorServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
