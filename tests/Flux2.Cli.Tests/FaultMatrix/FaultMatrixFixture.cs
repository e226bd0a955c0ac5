using Flux2.Simulator;

namespace Flux2.Cli.Tests.FaultMatrix;

/// <summary>One simulator for the whole matrix, warmed up with one clean run of every flow so that no case pays for start-up.</summary>
public sealed class FaultMatrixFixture : IAsyncLifetime
{
    private SimulatorServer? _server;

    /// <summary>The simulator.</summary>
    internal SimulatorServer Server => _server ?? throw new InvalidOperationException("The simulator has not started.");

    /// <inheritdoc/>
    public async Task InitializeAsync()
    {
        _server = await SimulatorServer.StartAsync();
        foreach (MatrixFlow flow in MatrixFlow.All)
        {
            using var directory = new TempDirectory();
            CliResult warm = await Cli.RunAsync(FaultMatrixTests.Arguments(flow, directory.Path), flow.Environment(_server, warmUp: true));
            if (warm.ExitCode != 0)
            {
                throw new InvalidOperationException($"The {flow} flow does not work without a fault:\n{warm}");
            }
        }
    }

    /// <inheritdoc/>
    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
