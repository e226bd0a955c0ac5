using ModelContextProtocol;

namespace Flux2.Mcp.Tests;

public sealed class ProgressCancellationTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>
{
    [Theory]
    [InlineData("http")]
    [InlineData("stdio")]
    public async Task GenerateImage_WhileQueued_SendsProgressNotifications(string transport)
    {
        simulator.Server.Options.Latency = TimeSpan.FromSeconds(2);
        await using var server = await TestServer.StartAsync(transport, simulator.Server);
        var progress = new Collector();

        var result = await server.Client.CallToolAsync("generate_image",
            new Dictionary<string, object?> { ["prompt"] = "a lighthouse at dusk" }, progress);

        Assert.NotEqual(true, result.IsError);
        Assert.NotEmpty(progress.Values);
        Assert.All(progress.Values, v => Assert.False(string.IsNullOrEmpty(v.Message)));
        Assert.Equal(progress.Values.Select(v => v.Progress).Order(), progress.Values.Select(v => v.Progress));
    }

    // Over stdio the SDK's client (2.3.0, the version the Tasks extension pins) sends no notifications/cancelled when a call's token
    // is cancelled; LongJobTests.Stdio_NotificationsCancelled_OfAWaitingCall_CancelsTheProviderJob sends it itself.
    [Theory]
    [InlineData("http")]
    public async Task GenerateImage_Cancelled_CancelsTheProviderJob(string transport)
    {
        simulator.Server.Options.Latency = TimeSpan.FromSeconds(60);
        await using var server = await TestServer.StartAsync(transport, simulator.Server);
        long before = simulator.FalCancels;
        using var cts = new CancellationTokenSource();
        var progress = new Collector(() => cts.Cancel());

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => server.Client.CallToolAsync("generate_image",
            new Dictionary<string, object?> { ["prompt"] = "a slow painting" }, progress, cancellationToken: cts.Token).AsTask());

        Assert.True(await simulator.FalJobCancelledAfterAsync(before), "the provider job was not cancelled");
    }

    private sealed class Collector(Action? onFirst = null) : IProgress<ProgressNotificationValue>
    {
        private readonly Lock _gate = new();
        private readonly List<ProgressNotificationValue> _values = [];

        public IReadOnlyList<ProgressNotificationValue> Values
        {
            get
            {
                lock (_gate)
                {
                    return [.. _values];
                }
            }
        }

        public void Report(ProgressNotificationValue value)
        {
            bool first;
            lock (_gate)
            {
                _values.Add(value);
                first = _values.Count == 1;
            }

            if (first)
            {
                onFirst?.Invoke();
            }
        }
    }
}
