using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace Flux2.Simulator.Tests;

public sealed class ServerLifetimeTests
{
    [Fact]
    public async Task Dispose_WhileARequestHangs_EndsThatRequest()
    {
        var sim = await SimulatorHarness.StartAsync();
        var hung = sim.Http.SendAsync(SimulatorHarness.Json(HttpMethod.Post, "fal/fal-ai/flux-2", new JsonObject { ["prompt"] = "p" }, fault: "Hang"));
        await Task.Delay(200);

        await sim.Server.DisposeAsync();

        await Assert.ThrowsAnyAsync<Exception>(() => hung.WaitAsync(TimeSpan.FromSeconds(20)));
        sim.Http.Dispose();
    }

    [Fact]
    public async Task LoggerProvider_ReceivesTheSimulatorsLogs()
    {
        var provider = new ListLoggerProvider();
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

    private sealed class ListLoggerProvider : ILoggerProvider
    {
        public ConcurrentBag<string> Messages { get; } = [];

        public ILogger CreateLogger(string categoryName) => new ListLogger(Messages);

        public void Dispose()
        {
        }

        private sealed class ListLogger(ConcurrentBag<string> messages) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                messages.Add(formatter(state, exception));
        }
    }
}
