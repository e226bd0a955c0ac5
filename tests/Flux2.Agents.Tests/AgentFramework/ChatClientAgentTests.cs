using System.Text.Json;
using Flux2.Client;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using static Flux2.Testing.ScriptedChatClient;

namespace Flux2.Agents.Tests.AgentFramework;

/// <summary>
/// The core's AIFunctions inside a real Agent Framework <see cref="ChatClientAgent"/>: the model (a scripted <see cref="IChatClient"/>
/// answering step by step, arguments as <see cref="JsonElement"/>s) calls the tools, the agent's automatic function invocation runs them.
/// </summary>
public sealed class ChatClientAgentTests : IDisposable
{
    private static readonly byte[] PngMagic = TestImages.PngSignature.ToArray();
    private readonly ToolHarness _harness = new();
    private ScriptedChatClient _model = ScriptedChatClient.Of();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task Agent_ModelGeneratesThenDownloadsTheReturnedUri_TheImageIsGeneratedAndSaved()
    {
        string? generatedUri = null;
        var model = ScriptedModel(
            _ => Call("call-1", Flux2ToolNames.GenerateImage, new { prompt = "a lighthouse at dusk", size = "landscape_4_3", seed = 4711, output_format = "png" }),
            conversation =>
            {
                generatedUri = Result(conversation, "call-1").GetProperty("images")[0].GetProperty("uri").GetString();
                return Call("call-2", Flux2ToolNames.DownloadImage, new { url = generatedUri, path = "lighthouse.png", overwrite = true });
            },
            conversation => new ChatMessage(ChatRole.Assistant, "Saved to " + Result(conversation, "call-2").GetProperty("path").GetString()));
        AIAgent agent = new ChatClientAgent(model, instructions: "Draw what the user asks and save it.", tools: [.. _harness.Tools.AsAIFunctions()]);

        AgentResponse response = await agent.RunAsync("Draw a lighthouse at dusk and save it as lighthouse.png", await agent.CreateSessionAsync());

        string saved = Path.Combine(_harness.OutputDirectory, "lighthouse.png");
        Assert.Equal("Saved to " + saved, response.Text);
        Assert.Equal(PngMagic, (await File.ReadAllBytesAsync(saved))[..PngMagic.Length]);

        // The JSON arguments reached the caller typed, and the generated image was kept and saved under its id.
        var request = Assert.Single(_harness.Client.Requests);
        Assert.Equal("a lighthouse at dusk", request.Prompt);
        Assert.Equal(4711, request.Seed);
        Assert.Equal("landscape_4_3", request.Size);
        Assert.Equal("png", request.OutputFormat);
        var image = Result(_model.Requests[1], "call-1").GetProperty("images")[0];
        Assert.True(File.Exists(image.GetProperty("path").GetString()));
        var stored = await _harness.Tools.Store.GetAsync(generatedUri!);
        Assert.NotNull(stored);
        Assert.Equal(await File.ReadAllBytesAsync(saved), stored.Data.ToArray());

        // The model was offered exactly the two tools, each with a schema, on every turn.
        Assert.All(_model.Options, options => Assert.Equal(
            [Flux2ToolNames.DownloadImage, Flux2ToolNames.GenerateImage],
            options!.Tools!.Select(t => t.Name).Order(StringComparer.Ordinal)));
        var generate = Assert.IsAssignableFrom<AIFunctionDeclaration>(_model.Options[0]!.Tools!.Single(t => t.Name == Flux2ToolNames.GenerateImage));
        Assert.Contains("prompt", generate.JsonSchema.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(3, model.Requests.Count);
    }

    [Fact]
    public async Task Agent_ModelPassesABadSize_TheToolErrorComesBackToTheModelAndNothingIsSent()
    {
        var model = ScriptedModel(
            _ => Call("call-1", Flux2ToolNames.GenerateImage, new { prompt = "a fox", size = "enormous" }),
            conversation =>
            {
                var error = Result(conversation, "call-1");
                return new ChatMessage(ChatRole.Assistant, $"{error.GetProperty("error").GetString()} on {error.GetProperty("parameter").GetString()}");
            });
        AIAgent agent = new ChatClientAgent(model, tools: [.. _harness.Tools.AsAIFunctions()]);

        AgentResponse response = await agent.RunAsync("Draw a fox, enormous");

        Assert.Equal("invalid_argument on size", response.Text);
        Assert.Contains("enormous", Result(_model.Requests[1], "call-1").GetProperty("message").GetString());
        Assert.Empty(_harness.Client.Requests);
        Assert.Empty(Directory.GetFiles(_harness.OutputDirectory));
    }

    [Fact]
    public async Task Agent_DownloadRequiresApproval_NothingIsWrittenUntilTheApprovalArrives()
    {
        var model = ScriptedModel(
            _ => Call("call-1", Flux2ToolNames.GenerateImage, new { prompt = "a red fox", output_format = "png" }),
            conversation => Call("call-2", Flux2ToolNames.DownloadImage,
                new { url = Result(conversation, "call-1").GetProperty("images")[0].GetProperty("uri").GetString(), path = "fox.png" }),
            conversation => new ChatMessage(ChatRole.Assistant, "Saved to " + Result(conversation, "call-2").GetProperty("path").GetString()));
        var functions = _harness.Tools.AsAIFunctions(new Flux2ToolFunctionOptions { RequireApprovalForDownload = true });
        AIAgent agent = new ChatClientAgent(model, tools: [.. functions]);
        AgentSession session = await agent.CreateSessionAsync();
        string saved = Path.Combine(_harness.OutputDirectory, "fox.png");

        AgentResponse asking = await agent.RunAsync("Draw a red fox and save it as fox.png", session);

        var request = Assert.Single(asking.Messages.SelectMany(m => m.Contents).OfType<ToolApprovalRequestContent>());
        Assert.Equal(Flux2ToolNames.DownloadImage, Assert.IsType<FunctionCallContent>(request.ToolCall).Name);
        Assert.False(File.Exists(saved));
        Assert.Single(_harness.Client.Requests);

        AgentResponse done = await agent.RunAsync(new ChatMessage(ChatRole.User, [request.CreateResponse(approved: true)]), session);

        Assert.Equal("Saved to " + saved, done.Text);
        Assert.Equal(PngMagic, (await File.ReadAllBytesAsync(saved))[..PngMagic.Length]);
    }

    [Fact]
    public async Task Agent_ToolProgress_ReachesTheProgressTheAgentsServicesOffer()
    {
        var progress = new Mock<IProgress<Flux2Progress>>();
        using var services = new ServiceCollection().AddSingleton(progress.Object).BuildServiceProvider();
        var model = ScriptedModel(
            _ => Call("call-1", Flux2ToolNames.GenerateImage, new { prompt = "a heron" }),
            _ => new ChatMessage(ChatRole.Assistant, "Done."));
        AIAgent agent = new ChatClientAgent(model, instructions: null, name: null, description: null,
            tools: [.. _harness.Tools.AsAIFunctions()], loggerFactory: null, services: services);

        await agent.RunAsync("Draw a heron");

        progress.Verify(p => p.Report(It.Is<Flux2Progress>(update => update.Status == Flux2ProgressStatus.Queued)), Times.Once);
    }

    [Fact]
    public async Task Agent_RunCancelledWhileGenerating_TheProviderCallIsCancelledAndTheRunThrows()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        CancellationToken providerToken = default;
        var client = new Mock<IFlux2Client>();
        client.Setup(c => c.GenerateAsync(It.IsAny<Flux2ImageRequest>(), It.IsAny<CancellationToken>()))
            .Returns(async (Flux2ImageRequest _, CancellationToken cancellationToken) =>
            {
                providerToken = cancellationToken;
                started.SetResult();
                await Task.Delay(Timeout.Infinite, cancellationToken);
                throw new InvalidOperationException("unreachable");
            });
        var services = new ServiceCollection();
        services.AddFlux2Tools(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Flux2:OutputDirectory"] = _harness.OutputDirectory,
            ["Flux2:Tools:CacheDirectory"] = Path.Combine(_harness.Root, "cache-cancel"),
        }).Build());
        services.AddSingleton(client.Object);
        using var provider = services.BuildServiceProvider();
        var model = ScriptedModel(_ => Call("call-1", Flux2ToolNames.GenerateImage, new { prompt = "a slow painting" }));
        AIAgent agent = new ChatClientAgent(model, tools: [.. provider.GetRequiredService<Flux2ImageTools>().AsAIFunctions()]);
        using var cancellation = new CancellationTokenSource();

        var run = agent.RunAsync("Paint slowly", cancellationToken: cancellation.Token);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.True(providerToken.IsCancellationRequested);
        Assert.Single(_model.Requests);
    }

    private ScriptedChatClient ScriptedModel(params Func<IReadOnlyList<ChatMessage>, ChatMessage>[] steps) => _model = ScriptedChatClient.Of(steps);
}
