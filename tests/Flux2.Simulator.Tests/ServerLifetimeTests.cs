using System.Text.Json.Nodes;

namespace Flux2.Simulator.Tests;

public sealed class ServerLifetimeTests
{
    [Fact]
    public async Task Dispose_WhileARequestHangs_EndsThatRequest()
    {
        var sim = await SimulatorHarness.StartAsync();
        var hung = sim.Http.SendAsync(SimulatorHarness.Json(HttpMethod.Post, "fal/fal-ai/flux-2", new JsonObject { ["prompt"] = "p" }, fault: "Hang"));
        await sim.Server.WaitForCountAsync("fal", "sync", 1); // the request reached the simulator, which holds it open

        await sim.Server.DisposeAsync();

        // Stopping must end the request itself, by dropping its connection: a request still open 20 s later is a failure, and so
        // is one that ends any other way (the client's own 30 s time-out included).
        Exception? ended = await Record.ExceptionAsync(() => hung.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.False(ended is TimeoutException, "The hung request was still open 20 s after the simulator stopped.");
        Assert.False(ended is null, "The hung request got an answer instead of being dropped.");
        Assert.IsType<HttpRequestException>(ended);
        sim.Http.Dispose();
    }

    [Fact]
    public async Task LoggerProvider_ReceivesTheSimulatorsLogs()
    {
        using var provider = new LogCapture();
        await using (var server = await SimulatorServer.StartAsync(new SimulatorOptions { LoggerProvider = provider }))
        {
            Assert.Contains(provider.Messages, m => m.Contains(server.BaseUrl.ToString(), StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Counters_Reset_SetsEverythingBackToZero()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        await sim.PostOkAsync("fal/fal-ai/flux-2", new JsonObject { ["prompt"] = "p", ["image_size"] = "square" });
        Assert.Equal(1, sim.Server.Counters.Total);

        sim.Server.Counters.Reset();

        Assert.Equal(0, sim.Server.Counters.Total);
        Assert.Equal(0, sim.Server.Counters.Get("fal", "sync"));
    }
}
