using System.Diagnostics;
using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Extensions.Tasks;
using Xunit.Abstractions;

namespace Flux2.Mcp.Tests;

/// <summary>
/// generate_image calls that outlast the client's patience (docs/mcp.md, "Long jobs"): the handle a call without Tasks gets at
/// Flux2:Mcp:MaxWaitSeconds and what resources/read of it returns, tasks for 2026-07-28 clients, cancels, and ownership.
/// </summary>
public sealed class LongJobTests(SimulatorFixture simulator, ITestOutputHelper output) : IClassFixture<SimulatorFixture>, IDisposable
{
    private static readonly Dictionary<string, string> ShortWait = new() { ["Flux2:Mcp:MaxWaitSeconds"] = "1", ["Flux2:Mcp:TaskPollIntervalMs"] = "200" };

    public void Dispose() => simulator.Server.Options.Latency = TimeSpan.Zero;

    [Fact]
    public Task Http_CallStillRunningAtMaxWait_ReturnsTheHandle_AndTheHandleThenGivesTheImages() => HandleThenImagesAsync("http");

    [Fact]
    [Trait("Category", "Slow")]
    [Trait("Needs", "process")]
    public Task Stdio_CallStillRunningAtMaxWait_ReturnsTheHandle_AndTheHandleThenGivesTheImages() => HandleThenImagesAsync("stdio");

    [Fact]
    public async Task CallEndingWithinMaxWait_ReturnsTheUsualResult_WithNoHandle()
    {
        await using var server = await TestServer.StartHttpAsync(simulator.Server, new Dictionary<string, string> { ["Flux2:Mcp:MaxWaitSeconds"] = "30" });

        var result = await server.Client.CallToolAsync("generate_image", Prompt("a quick sketch"));

        Assert.True(result.IsError != true, Text(result));
        Assert.False(result.StructuredContent!.Value.TryGetProperty("status", out _));
        Assert.DoesNotContain(result.Content.OfType<ResourceLinkBlock>(), l => l.Uri.StartsWith("flux2://jobs/", StringComparison.Ordinal));
        Assert.Single(result.StructuredContent.Value.GetProperty("images").EnumerateArray());
    }

    [Fact]
    public Task Http_TaskClient_GetsATaskAtOnce_SeesProgress_ThenTheResultADirectCallGives() => TaskLifecycleAsync("http");

    [Fact]
    [Trait("Category", "Slow")]
    [Trait("Needs", "process")]
    public Task Stdio_TaskClient_GetsATaskAtOnce_SeesProgress_ThenTheResultADirectCallGives() => TaskLifecycleAsync("stdio");

    [Fact]
    public async Task TasksCancel_CancelsTheProviderJob_AndTheTaskSaysCancelled()
    {
        simulator.Server.Options.Latency = TimeSpan.FromSeconds(60);
        await using var server = await TestServer.StartHttpAsync(simulator.Server, ShortWait, clientOptions: new McpClientOptions { ProtocolVersion = "2026-07-28" });
        long before = simulator.Server.Counters.Get("fal-queue", "cancel");
        long streams = simulator.Server.Counters.Get("fal-queue", "status-stream");

        var created = await server.Client.CallToolAsTaskAsync(new CallToolRequestParams { Name = "generate_image", Arguments = Arguments("a slow painting") });
        string taskId = created.TaskCreated!.TaskId;

        // Once the provider has queued it (the adapter knows its request id); a cancel during the submit itself cannot name the job.
        await WaitUntilAsync(() => simulator.Server.Counters.Get("fal-queue", "status-stream") > streams, "the job was never queued at the provider");
        await server.Client.CancelTaskAsync(taskId);

        await simulator.Server.WaitForCountAsync("fal-queue", "cancel", before + 1); // the provider job was cancelled
        Assert.IsType<CancelledTaskResult>(await server.Client.GetTaskAsync(taskId));
    }

    [Fact]
    [Trait("Category", "Slow")]
    [Trait("Needs", "process")]
    public async Task Stdio_NotificationsCancelled_OfAWaitingCall_CancelsTheProviderJob()
    {
        simulator.Server.Options.Latency = TimeSpan.FromSeconds(60);
        await using var server = await TestServer.StartStdioAsync(simulator.Server);
        long before = simulator.Server.Counters.Get("fal-queue", "cancel");
        long streams = simulator.Server.Counters.Get("fal-queue", "status-stream");
        var id = new RequestId("call-to-cancel");

        var call = server.Client.SendRequestAsync(new JsonRpcRequest
        {
            Id = id,
            Method = RequestMethods.ToolsCall,
            Params = JsonSerializer.SerializeToNode(new CallToolRequestParams { Name = "generate_image", Arguments = Arguments("a slow painting") },
                McpJsonUtilities.DefaultOptions.GetTypeInfo<CallToolRequestParams>()),
        });
        await WaitUntilAsync(() => simulator.Server.Counters.Get("fal-queue", "status-stream") > streams, "the job was never queued at the provider");
        await server.Client.SendNotificationAsync(NotificationMethods.CancelledNotification, new CancelledNotificationParams { RequestId = id });

        await simulator.Server.WaitForCountAsync("fal-queue", "cancel", before + 1); // the provider job was cancelled
        Assert.False(call.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Tasks_Off_ServesTaskClientsDirectly()
    {
        await using var server = await TestServer.StartHttpAsync(simulator.Server, new Dictionary<string, string> { ["Flux2:Mcp:Tasks"] = "false" },
            clientOptions: new McpClientOptions { ProtocolVersion = "2026-07-28" });

        var answer = await server.Client.CallToolAsTaskAsync(new CallToolRequestParams { Name = "generate_image", Arguments = Arguments("a fox") });

        Assert.False(answer.IsTask);
        Assert.NotEqual(true, answer.Result!.IsError);
    }

    [Fact]
    public async Task AHandleOrImageOfAnotherCaller_IsUnknownToEveryWayIn()
    {
        simulator.Server.Options.Latency = TimeSpan.FromSeconds(2);
        string output = TestServer.NewOutputDirectory();
        await using var app = TestServer.BuildHttp(TestServer.Settings(simulator.Server, output, ShortWait));
        await app.StartAsync();
        var endpoint = new Uri(TestServer.Address(app), Flux2McpHost.HttpPath);
        await using var alice = await Client(endpoint, "alice-token-0123456789");
        await using var bob = await Client(endpoint, "bob-token-9876543210");

        var pending = await alice.CallToolAsync("generate_image", Prompt("alice's secret garden"));
        string jobUri = pending.StructuredContent!.Value.GetProperty("job_uri").GetString()!;
        var (document, contents) = await WaitForJobAsync(alice, jobUri);
        string imageUri = document.GetProperty("result").GetProperty("images")[0].GetProperty("uri").GetString()!;

        await Assert.ThrowsAsync<McpProtocolException>(() => bob.ReadResourceAsync(jobUri).AsTask());
        await Assert.ThrowsAsync<McpProtocolException>(() => bob.ReadResourceAsync(imageUri).AsTask());
        var download = await bob.CallToolAsync("download_image", new Dictionary<string, object?> { ["url"] = imageUri });
        var edit = await bob.CallToolAsync("generate_image", new Dictionary<string, object?> { ["prompt"] = "make it mine", ["reference_images"] = new[] { imageUri } });

        Assert.Equal(2, contents.Count);
        Assert.True(download.IsError);
        Assert.Contains("No stored image", Text(download), StringComparison.Ordinal);
        Assert.True(edit.IsError);
        Assert.Contains("No stored image", Text(edit), StringComparison.Ordinal);
        Assert.IsType<BlobResourceContents>(Assert.Single((await alice.ReadResourceAsync(imageUri)).Contents));
        Assert.NotEqual(true, (await alice.CallToolAsync("download_image", new Dictionary<string, object?> { ["url"] = imageUri })).IsError);
    }

    [Fact]
    public async Task ATaskOfAnotherCaller_CannotBeReadOrCancelled()
    {
        simulator.Server.Options.Latency = TimeSpan.FromSeconds(60);
        string output = TestServer.NewOutputDirectory();
        await using var app = TestServer.BuildHttp(TestServer.Settings(simulator.Server, output, ShortWait));
        await app.StartAsync();
        var endpoint = new Uri(TestServer.Address(app), Flux2McpHost.HttpPath);
        await using var alice = await Client(endpoint, "alice-token-0123456789", "2026-07-28");
        await using var bob = await Client(endpoint, "bob-token-9876543210", "2026-07-28");
        long cancelsBefore = simulator.Server.Counters.Get("fal-queue", "cancel");
        long streams = simulator.Server.Counters.Get("fal-queue", "status-stream");

        var created = await alice.CallToolAsTaskAsync(new CallToolRequestParams { Name = "generate_image", Arguments = Arguments("alice's long job") });
        string taskId = created.TaskCreated!.TaskId;

        await Assert.ThrowsAsync<McpProtocolException>(() => bob.GetTaskAsync(taskId).AsTask());
        await Assert.ThrowsAsync<McpProtocolException>(() => bob.CancelTaskAsync(taskId).AsTask());
        Assert.IsType<WorkingTaskResult>(await alice.GetTaskAsync(taskId));
        Assert.Equal(cancelsBefore, simulator.Server.Counters.Get("fal-queue", "cancel"));
        await WaitUntilAsync(() => simulator.Server.Counters.Get("fal-queue", "status-stream") > streams, "the job was never queued at the provider");
        await alice.CancelTaskAsync(taskId);
        await simulator.Server.WaitForCountAsync("fal-queue", "cancel", cancelsBefore + 1); // the owner's cancel reached the provider
    }

    [Fact]
    public void MaxWaitSeconds_OutOfRange_RefusesToStart_NamingTheRange()
    {
        var settings = TestServer.Settings(simulator.Server, TestServer.NewOutputDirectory(), new Dictionary<string, string> { ["Flux2:Mcp:MaxWaitSeconds"] = "-1" });

        var error = Assert.Throws<Flux2McpStartupException>(() => TestServer.BuildHttp(settings));

        Assert.Contains("Flux2:Mcp:MaxWaitSeconds", error.Message, StringComparison.Ordinal);
        Assert.Contains("0 to 3600", error.Message, StringComparison.Ordinal);
    }

    private async Task HandleThenImagesAsync(string transport)
    {
        simulator.Server.Options.Latency = TimeSpan.FromSeconds(4);
        await using var server = await TestServer.StartAsync(transport, simulator.Server, ShortWait);
        long submitsBefore = simulator.Server.Counters.Get("fal-queue", "submit");
        var watch = Stopwatch.StartNew();

        var pending = await server.Client.CallToolAsync("generate_image", Prompt("a lighthouse in a storm"));
        var waited = watch.Elapsed;

        Assert.NotEqual(true, pending.IsError);
        var structured = pending.StructuredContent!.Value;
        Assert.Equal("working", structured.GetProperty("status").GetString());
        string jobId = structured.GetProperty("job_id").GetString()!;
        string jobUri = structured.GetProperty("job_uri").GetString()!;
        Assert.Equal("flux2://jobs/" + jobId, jobUri);
        Assert.Equal(24, jobId.Length);
        Assert.Equal(1, structured.GetProperty("num_images").GetInt32());
        Assert.Empty(structured.GetProperty("images").EnumerateArray());
        Assert.False(string.IsNullOrEmpty(structured.GetProperty("progress").GetProperty("status").GetString()));
        var link = Assert.Single(pending.Content.OfType<ResourceLinkBlock>());
        Assert.Equal(jobUri, link.Uri);
        Assert.Contains(jobUri, Text(pending), StringComparison.Ordinal);
        Assert.Contains("resources/read", Text(pending), StringComparison.Ordinal);
        Assert.True(waited < TimeSpan.FromSeconds(4), $"the handle came after {waited}, not before the job ended");

        var (document, contents) = await WaitForJobAsync(server.Client, jobUri);

        Assert.Equal("completed", document.GetProperty("status").GetString());
        var image = document.GetProperty("result").GetProperty("images")[0];
        var blob = Assert.IsType<BlobResourceContents>(contents[1]);
        Assert.Equal(image.GetProperty("uri").GetString(), blob.Uri);
        Assert.Equal(image.GetProperty("bytes").GetInt64(), blob.DecodedData.Length);
        Assert.True(File.Exists(image.GetProperty("path").GetString()), "the image was not saved");
        Assert.Equal(1, simulator.Server.Counters.Get("fal-queue", "submit") - submitsBefore);
    }

    private async Task TaskLifecycleAsync(string transport)
    {
        simulator.Server.Options.Latency = TimeSpan.FromSeconds(2);
        var settings = new Dictionary<string, string> { ["Flux2:Mcp:MaxWaitSeconds"] = "30", ["Flux2:Mcp:TaskPollIntervalMs"] = "200" };
        await using var server = await TestServer.StartAsync(transport, simulator.Server, settings, new McpClientOptions { ProtocolVersion = "2026-07-28" });
        await server.Client.ListToolsAsync();
        long submitsBefore = simulator.Server.Counters.Get("fal-queue", "submit");

        var times = new List<TimeSpan>();
        var tasks = new List<string>();
        for (int i = 0; i < 5; i++)
        {
            var watch = Stopwatch.StartNew();
            var created = await server.Client.CallToolAsTaskAsync(new CallToolRequestParams { Name = "generate_image", Arguments = Arguments($"a tower, take {i}") });
            times.Add(watch.Elapsed);
            Assert.True(created.IsTask, "no task was created");
            Assert.Equal(McpTaskStatus.Working, created.TaskCreated!.Status);
            Assert.Equal(24, created.TaskCreated.TaskId.Length);
            tasks.Add(created.TaskCreated.TaskId);
        }

        string? statusMessage = null;
        CompletedTaskResult? completed = null;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (completed is null && DateTime.UtcNow < deadline)
        {
            switch (await server.Client.GetTaskAsync(tasks[0]))
            {
                case WorkingTaskResult working:
                    statusMessage ??= working.StatusMessage is { } m && m.Contains("fal", StringComparison.Ordinal) ? m : null;
                    await Task.Delay(100);
                    break;
                case CompletedTaskResult done:
                    completed = done;
                    break;
                case var other:
                    Assert.Fail($"the task ended {other.Status}");
                    break;
            }
        }

        var direct = await server.Client.CallToolAsync("generate_image", Prompt("a tower, called directly"));
        var result = JsonSerializer.Deserialize(completed!.Result, McpJsonUtilities.DefaultOptions.GetTypeInfo<CallToolResult>())!;

        output.WriteLine($"{transport}: task created in " + string.Join(", ", times.Select(t => $"{t.TotalMilliseconds:0.0} ms")));

        // The fastest of five: the machine is shared, and a task's creation involves no provider call.
        Assert.True(times.Min() <= TimeSpan.FromMilliseconds(100), "task creation took " + string.Join(", ", times.Select(t => $"{t.TotalMilliseconds:0} ms")));
        Assert.NotNull(statusMessage);
        Assert.NotEqual(true, result.IsError);
        Assert.Equal(direct.Content.Select(c => c.GetType()), result.Content.Select(c => c.GetType()));
        Assert.Equal(
            direct.StructuredContent!.Value.EnumerateObject().Select(p => p.Name).Order(),
            result.StructuredContent!.Value.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(6, simulator.Server.Counters.Get("fal-queue", "submit") - submitsBefore);
    }

    internal static async Task<(JsonElement Document, IList<ResourceContents> Contents)> WaitForJobAsync(McpClient client, string jobUri)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var read = await client.ReadResourceAsync(jobUri);
            var text = Assert.IsType<TextResourceContents>(read.Contents[0]);
            Assert.Equal("application/json", text.MimeType);
            var document = JsonDocument.Parse(text.Text).RootElement.Clone();
            if (document.GetProperty("status").GetString() != "working")
            {
                return (document, read.Contents);
            }

            Assert.True(DateTime.UtcNow < deadline, "the job did not end within 60 s: " + text.Text);
            Assert.True(read.Contents.Count == 1, "a working job carries no images");
            await Task.Delay(100);
        }
    }

    internal static async Task WaitUntilAsync(Func<bool> condition, string failure)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, failure);
            await Task.Delay(20);
        }
    }

    private static Task<McpClient> Client(Uri endpoint, string token, string? protocolVersion = null) =>
        McpClient.CreateAsync(
            new HttpClientTransport(new HttpClientTransportOptions
            {
                Endpoint = endpoint,
                AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer " + token },
            }),
            new McpClientOptions { ProtocolVersion = protocolVersion });

    private static Dictionary<string, object?> Prompt(string prompt) => new() { ["prompt"] = prompt, ["size"] = "256x256" };

    private static Dictionary<string, JsonElement> Arguments(string prompt) => new()
    {
        ["prompt"] = JsonSerializer.SerializeToElement(prompt, McpJsonUtilities.DefaultOptions.GetTypeInfo<string>()),
        ["size"] = JsonSerializer.SerializeToElement("256x256", McpJsonUtilities.DefaultOptions.GetTypeInfo<string>()),
    };

    private static string Text(CallToolResult result) => string.Join("\n", result.Content.OfType<TextContentBlock>().Select(t => t.Text));
}
