using Flux2.Simulator;

namespace Flux2.Mcp.Tests;

/// <summary>One loopback simulator shared by the tests of a class.</summary>
public sealed class SimulatorFixture : IAsyncLifetime
{
    public SimulatorServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await SimulatorServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();

    /// <summary>How many fal queue jobs were cancelled so far.</summary>
    public long FalCancels => Server.Counters.Get("fal-queue", "cancel");

    /// <summary>Waits up to 15 s for a fal queue job to be cancelled after <paramref name="before"/> cancels; true when one was.</summary>
    public async Task<bool> FalJobCancelledAfterAsync(long before)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (FalCancels == before && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        return FalCancels > before;
    }
}
