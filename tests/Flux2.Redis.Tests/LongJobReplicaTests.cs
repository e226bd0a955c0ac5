using System.Text.Json;
using Flux2.Simulator;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Extensions.Tasks;

namespace Flux2.Redis.Tests;

/// <summary>
/// Long generate_image jobs on two stateless replicas sharing one Redis, through the C# SDK client with the Tasks extension: a task
/// created on A is read and collected on B, cancelled through B (which stops the provider job A runs), outlives A, and belongs to
/// the caller that created it; a job handle from A is read on B.
/// </summary>
[Collection(SharedRedis.Name)]
[Trait("Category", "Slow")]
[Trait("Needs", "redis")]
public sealed class LongJobReplicaTests(RedisServerFixture redis) : IAsyncLifetime
{
    private const string Alice = "alice-token-0123456789";
    private readonly string _prefix = "j" + Guid.NewGuid().ToString("N")[..8] + ":";
    private readonly List<IAsyncDisposable> _owned = [];
    private SimulatorServer _simulator = null!;

    public async Task InitializeAsync() => _simulator = await SimulatorServer.StartAsync(new SimulatorOptions { Latency = TimeSpan.FromSeconds(2) });

    [Fact]
    public async Task ATaskCreatedOnA_IsReadAndCollectedOnB_AndOutlivesA()
    {
        var a = await StartAsync();
        var b = await StartAsync();
        await using var onA = await ClientAsync(a, Alice);
        await using var onB = await ClientAsync(b, Alice);

        var created = await onA.CallToolAsTaskAsync(new CallToolRequestParams { Name = "generate_image", Arguments = Arguments("a lighthouse, made on A") });
        Assert.True(created.IsTask, "no task was created");
        string taskId = created.TaskCreated!.TaskId;
        var first = await onB.GetTaskAsync(taskId);
        var completed = await WaitForTaskAsync(onB, taskId);

        Assert.IsType<WorkingTaskResult>(first);
        var result = JsonSerializer.Deserialize(completed.Result, McpJsonUtilities.DefaultOptions.GetTypeInfo<CallToolResult>())!;
        Assert.NotEqual(true, result.IsError);
        string imageUri = result.StructuredContent!.Value.GetProperty("images")[0].GetProperty("uri").GetString()!;
        Assert.Equal(1, _simulator.Counters.Get("fal-queue", "submit"));
        Assert.Contains(redis.Keys(_prefix + "jobs:"), k => k.EndsWith(taskId, StringComparison.Ordinal));

        // A goes away; the task, its job document and its image stay on B.
        await a.DisposeAsync();
        Assert.IsType<CompletedTaskResult>(await onB.GetTaskAsync(taskId));
        var job = await onB.ReadResourceAsync("flux2://jobs/" + taskId);
        Assert.Equal("completed", JsonDocument.Parse(Assert.IsType<TextResourceContents>(job.Contents[0]).Text).RootElement.GetProperty("status").GetString());
        Assert.IsType<BlobResourceContents>(Assert.Single((await onB.ReadResourceAsync(imageUri)).Contents));
    }

    [Fact]
    public async Task ACancelThroughB_StopsTheProviderJobThatARuns()
    {
        _simulator.Options.Latency = TimeSpan.FromSeconds(60);
        var a = await StartAsync();
        var b = await StartAsync();
        await using var onA = await ClientAsync(a, Alice);
        await using var onB = await ClientAsync(b, Alice);

        var created = await onA.CallToolAsTaskAsync(new CallToolRequestParams { Name = "generate_image", Arguments = Arguments("a slow painting, run by A") });
        string taskId = created.TaskCreated!.TaskId;
        await WaitUntilAsync(() => _simulator.Counters.Get("fal-queue", "status-stream") > 0, "A's job was never queued at the provider");
        await onB.CancelTaskAsync(taskId);

        await WaitUntilAsync(() => _simulator.Counters.Get("fal-queue", "cancel") > 0, "the provider job A runs was not cancelled");
        Assert.IsType<CancelledTaskResult>(await onA.GetTaskAsync(taskId));
        Assert.IsType<CancelledTaskResult>(await onB.GetTaskAsync(taskId));
    }

    [Fact]
    public async Task ATaskOrImageOfAnotherCaller_IsUnknownOnEveryReplica()
    {
        var a = await StartAsync();
        var b = await StartAsync();
        await using var aliceOnA = await ClientAsync(a, Alice);
        await using var bobOnB = await ClientAsync(b, "bob-token-9876543210");

        var created = await aliceOnA.CallToolAsTaskAsync(new CallToolRequestParams { Name = "generate_image", Arguments = Arguments("alice's garden") });
        string taskId = created.TaskCreated!.TaskId;

        await Assert.ThrowsAsync<McpProtocolException>(() => bobOnB.GetTaskAsync(taskId).AsTask());
        await Assert.ThrowsAsync<McpProtocolException>(() => bobOnB.CancelTaskAsync(taskId).AsTask());
        var completed = await WaitForTaskAsync(aliceOnA, taskId);
        var result = JsonSerializer.Deserialize(completed.Result, McpJsonUtilities.DefaultOptions.GetTypeInfo<CallToolResult>())!;
        string imageUri = result.StructuredContent!.Value.GetProperty("images")[0].GetProperty("uri").GetString()!;
        await Assert.ThrowsAsync<McpProtocolException>(() => bobOnB.ReadResourceAsync(imageUri).AsTask());
        await Assert.ThrowsAsync<McpProtocolException>(() => bobOnB.ReadResourceAsync("flux2://jobs/" + taskId).AsTask());
        Assert.True((await bobOnB.CallToolAsync("download_image", new Dictionary<string, object?> { ["url"] = imageUri })).IsError);
    }

    [Fact]
    public async Task AHandleFromA_GivesItsImagesOnB()
    {
        var a = await StartAsync(new() { ["Flux2:Mcp:MaxWaitSeconds"] = "0.5" });
        var b = await StartAsync();
        await using var onA = await ClientAsync(a, Alice, protocolVersion: "2025-11-25");
        await using var onB = await ClientAsync(b, Alice, protocolVersion: "2025-11-25");

        var pending = await onA.CallToolAsync("generate_image", new Dictionary<string, object?> { ["prompt"] = "a harbour, by handle", ["size"] = "256x256" });
        string jobUri = pending.StructuredContent!.Value.GetProperty("job_uri").GetString()!;

        var deadline = DateTime.UtcNow.AddSeconds(60);
        ReadResourceResult read;
        while (true)
        {
            read = await onB.ReadResourceAsync(jobUri);
            string status = JsonDocument.Parse(Assert.IsType<TextResourceContents>(read.Contents[0]).Text).RootElement.GetProperty("status").GetString()!;
            if (status != "working")
            {
                Assert.Equal("completed", status);
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, "the job did not end within 60 s");
            await Task.Delay(100);
        }

        Assert.IsType<BlobResourceContents>(read.Contents[1]);
        Assert.Equal(1, _simulator.Counters.Get("fal-queue", "submit"));
    }

    public async Task DisposeAsync()
    {
        foreach (var owned in _owned)
        {
            await owned.DisposeAsync();
        }

        await _simulator.DisposeAsync();
    }

    private async Task<Replica> StartAsync(Dictionary<string, string>? extra = null)
    {
        var settings = new Dictionary<string, string> { ["Flux2:Mcp:SessionMode"] = "Stateless", ["Flux2:Mcp:TaskPollIntervalMs"] = "200" };
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        var replica = await Replica.StartAsync(_simulator, redis, _prefix, settings);
        _owned.Add(replica);
        return replica;
    }

    private static Task<McpClient> ClientAsync(Replica replica, string token, string protocolVersion = "2026-07-28")
    {
        string address = replica.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return McpClient.CreateAsync(
            new HttpClientTransport(new HttpClientTransportOptions
            {
                Endpoint = new Uri(new Uri(address), Flux2.Mcp.Flux2McpHost.HttpPath),
                AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer " + token },
            }),
            new McpClientOptions { ProtocolVersion = protocolVersion });
    }

    private static async Task<CompletedTaskResult> WaitForTaskAsync(McpClient client, string taskId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            switch (await client.GetTaskAsync(taskId))
            {
                case CompletedTaskResult completed:
                    return completed;
                case WorkingTaskResult:
                    Assert.True(DateTime.UtcNow < deadline, "the task did not end within 60 s");
                    await Task.Delay(100);
                    break;
                case var other:
                    throw new Xunit.Sdk.XunitException($"the task ended {other.Status}");
            }
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string failure)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, failure);
            await Task.Delay(20);
        }
    }

    private static Dictionary<string, JsonElement> Arguments(string prompt) => new()
    {
        ["prompt"] = JsonSerializer.SerializeToElement(prompt, McpJsonUtilities.DefaultOptions.GetTypeInfo<string>()),
        ["size"] = JsonSerializer.SerializeToElement("256x256", McpJsonUtilities.DefaultOptions.GetTypeInfo<string>()),
    };
}
