using ModelContextProtocol;

namespace Flux2.Mcp.Tests;

public sealed class ProgressCancellationTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>
{
    [Fact]
    public Task GenerateImage_WhileQueued_SendsProgressNotifications_OverHttp() => GenerateImage_WhileQueued_SendsProgressNotificationsAsync("http");

    [Fact]
    [Trait("Category", "Slow")]
    [Trait("Needs", "process")]
    public Task GenerateImage_WhileQueued_SendsProgressNotifications_OverStdio() => GenerateImage_WhileQueued_SendsProgressNotificationsAsync("stdio");

    private async Task GenerateImage_WhileQueued_SendsProgressNotificationsAsync(string transport)
    {
        simulator.Server.Options.Latency = TimeSpan.FromSeconds(2);
        await using var server = await TestServer.StartAsync(transport, simulator.Server);
        var progress = new RecordingProgress<ProgressNotificationValue>();

        var result = await server.Client.CallToolAsync("generate_image",
            new Dictionary<string, object?> { ["prompt"] = "a lighthouse at dusk" }, progress);

        Assert.NotEqual(true, result.IsError);
        Assert.NotEmpty(progress.Reports);
        Assert.All(progress.Reports, v => Assert.False(string.IsNullOrEmpty(v.Message)));
        Assert.Equal(progress.Reports.Select(v => v.Progress).Order(), progress.Reports.Select(v => v.Progress));
    }

    // Over stdio the SDK's client (2.3.0, the version the Tasks extension pins) sends no notifications/cancelled when a call's token
    // is cancelled; LongJobTests.Stdio_NotificationsCancelled_OfAWaitingCall_CancelsTheProviderJob sends it itself.
    [Fact]
    public async Task GenerateImage_Cancelled_CancelsTheProviderJob_OverHttp()
    {
        simulator.Server.Options.Latency = TimeSpan.FromSeconds(60);
        await using var server = await TestServer.StartAsync("http", simulator.Server);
        long before = simulator.Server.Counters.Get("fal-queue", "cancel");
        using var cts = new CancellationTokenSource();
        var progress = new RecordingProgress<ProgressNotificationValue>(_ => cts.Cancel());

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => server.Client.CallToolAsync("generate_image",
            new Dictionary<string, object?> { ["prompt"] = "a slow painting" }, progress, cancellationToken: cts.Token).AsTask());

        await simulator.Server.WaitForCountAsync("fal-queue", "cancel", before + 1); // the provider job was cancelled
    }
}
