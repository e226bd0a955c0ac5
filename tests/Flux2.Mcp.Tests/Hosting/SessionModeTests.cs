using System.Net;
using System.Text.Json.Nodes;
using ModelContextProtocol;
using ModelContextProtocol.AspNetCore;

namespace Flux2.Mcp.Tests;

public sealed class SessionModeTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>
{
    private static readonly Dictionary<string, string> Stateless = new() { ["Flux2:Mcp:SessionMode"] = "Stateless" };

    [Fact]
    public async Task Stateless_ClientWithNoSession_IsServed()
    {
        await using var server = await HostingServer.StartAsync(simulator.Server, Stateless);
        using var raw = new RawMcpHttp();

        var (status, list, response) = await raw.SendAsync(server.Endpoint, "tools/list");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(response.Headers.Contains("Mcp-Session-Id"));
        Assert.Equal(["download_image", "generate_image"], list!["result"]!["tools"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()).Order());
    }

    [Fact]
    public async Task DefaultMode_ClientWithNoSession_IsRefused_AndInitializeGetsASession()
    {
        await using var server = await HostingServer.StartAsync(simulator.Server);
        using var raw = new RawMcpHttp();

        var (status, _, _) = await raw.SendAsync(server.Endpoint, "tools/list");
        var (initialized, _, response) = await raw.SendAsync(server.Endpoint, "initialize", new JsonObject
        {
            ["protocolVersion"] = RawMcpHttp.ProtocolVersion,
            ["capabilities"] = new JsonObject(),
            ["clientInfo"] = new JsonObject { ["name"] = "t", ["version"] = "1" },
        });

        Assert.NotEqual(HttpStatusCode.OK, status);
        Assert.Equal(HttpStatusCode.OK, initialized);
        Assert.True(response.Headers.Contains("Mcp-Session-Id"));
    }

    [Fact]
    public async Task TwoStatelessReplicas_AnswerToolsListAndCallsAlternately()
    {
        await using var a = await HostingServer.StartAsync(simulator.Server, Stateless);
        await using var b = await HostingServer.StartAsync(simulator.Server, Stateless);
        using var raw = new RawMcpHttp();
        Uri[] replicas = [a.Endpoint, b.Endpoint];

        for (int i = 0; i < 4; i++)
        {
            Uri replica = replicas[i % 2];
            var (listed, list, _) = await raw.SendAsync(replica, "tools/list");
            var (called, call, _) = await raw.SendAsync(replica, "tools/call", RawMcpHttp.Generate($"replica test {i}", i));

            Assert.Equal(HttpStatusCode.OK, listed);
            Assert.Equal(2, list!["result"]!["tools"]!.AsArray().Count);
            Assert.Equal(HttpStatusCode.OK, called);
            var result = call!["result"];
            Assert.True(result is not null && result["isError"]?.GetValue<bool>() != true, RawMcpHttp.Describe(call));
            Assert.Equal(256, result!["structuredContent"]!["images"]![0]!["width"]!.GetValue<int>());
        }

        // Each replica made its own two images (saved into its own folder).
        Assert.Equal(2, Directory.GetFiles(a.Output, "*.png", SearchOption.AllDirectories).Length);
        Assert.Equal(2, Directory.GetFiles(b.Output, "*.png", SearchOption.AllDirectories).Length);
    }

    [Fact]
    public async Task Stateless_SdkClient_ListsAndCallsTools()
    {
        await using var server = await HostingServer.StartAsync(simulator.Server, Stateless);
        await using var client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions { Endpoint = server.Endpoint }));

        var tools = await client.ListToolsAsync();
        var result = await client.CallToolAsync("generate_image", new Dictionary<string, object?> { ["prompt"] = "a fox", ["size"] = "256x256" });

        Assert.Equal(2, tools.Count);
        Assert.NotEqual(true, result.IsError);
        Assert.Null(client.SessionId);
    }

    [Fact]
    public async Task Stateless_CallDroppedByTheClient_CancelsTheProviderJob()
    {
        // Stateless, a notifications/cancelled POST reaches no call; what stops the job is the call's own request going away.
        simulator.Server.Options.Latency = TimeSpan.FromSeconds(60);
        try
        {
            await using var server = await HostingServer.StartAsync(simulator.Server, Stateless);
            await using var client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions { Endpoint = server.Endpoint }));
            long before = simulator.Server.Counters.Get("fal-queue", "cancel");
            using var cts = new CancellationTokenSource();
            var queued = new Progress<ProgressNotificationValue>(_ => cts.Cancel());

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.CallToolAsync("generate_image",
                new Dictionary<string, object?> { ["prompt"] = "a slow painting" }, queued, cancellationToken: cts.Token).AsTask());

            await simulator.Server.WaitForCountAsync("fal-queue", "cancel", before + 1); // the provider job was cancelled
            Assert.Null(client.SessionId);
        }
        finally
        {
            simulator.Server.Options.Latency = TimeSpan.Zero;
        }
    }

    [Fact]
    public async Task Stateful_SdkClient_GetsASession()
    {
        await using var server = await HostingServer.StartAsync(simulator.Server, new Dictionary<string, string> { ["Flux2:Mcp:SessionMode"] = "stateful" });
        await using var client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions { Endpoint = server.Endpoint }));

        var tools = await client.ListToolsAsync();

        Assert.Equal(2, tools.Count);
        Assert.False(string.IsNullOrEmpty(client.SessionId));
    }

    [Fact]
    public void UnknownSessionMode_RefusesToStart_NamingTheAllowedModes()
    {
        var settings = TestServer.Settings(simulator.Server, TestServer.NewOutputDirectory(), new Dictionary<string, string> { ["Flux2:Mcp:SessionMode"] = "sticky" });

        var error = Assert.Throws<Flux2McpStartupException>(() => TestServer.BuildHttp(settings));

        Assert.Contains("'sticky'", error.Message);
        Assert.Contains(nameof(HttpServerSessionMode.Stateless), error.Message);
        Assert.Contains(nameof(HttpServerSessionMode.StatefulForInitializeClients), error.Message);
    }
}
