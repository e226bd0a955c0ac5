using Flux2.Simulator;

namespace Flux2.Cli.Tests.FaultMatrix;

/// <summary>
/// One simulator per flow's test class (so the seven flows run side by side: their cases mostly wait on short time-outs), warmed up
/// with one clean run of the flow before its first case, so that no case pays for start-up.
/// </summary>
public sealed class FaultMatrixFixture : IAsyncLifetime
{
    private SimulatorServer? _server;
    private Task? _warmUp;

    /// <inheritdoc/>
    public async Task InitializeAsync() => _server = await SimulatorServer.StartAsync();

    /// <summary>The simulator, with no fault, zeroed counters and no latency, after one clean run of <paramref name="flow"/>.</summary>
    internal async Task<SimulatorServer> ResetAsync(MatrixFlow flow)
    {
        SimulatorServer server = _server ?? throw new InvalidOperationException("The simulator has not started.");
        await (_warmUp ??= WarmUpAsync(server, flow));
        server.Faults.Clear();
        server.Counters.Reset();
        server.Options.Latency = TimeSpan.Zero;
        return server;
    }

    /// <inheritdoc/>
    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private static async Task WarmUpAsync(SimulatorServer server, MatrixFlow flow)
    {
        using var directory = new TempDirectory();
        CliResult warm = await Cli.RunAsync(FaultMatrixTests.Arguments(flow, directory.Path), flow.Environment(server, warmUp: true));
        if (warm.ExitCode != 0)
        {
            throw new InvalidOperationException($"The {flow} flow does not work without a fault:\n{warm}");
        }
    }
}
