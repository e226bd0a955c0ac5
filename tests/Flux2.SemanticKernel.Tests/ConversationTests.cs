using System.Text.Json;
using Flux2.Agents;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace Flux2.SemanticKernel.Tests;

public sealed class ConversationTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>
{
    [Fact]
    public async Task Conversation_GenerateThenDownloadTheReturnedId_SavesTheImage()
    {
        string? generatedId = null;
        var model = new ScriptedChatClient(
            (_, options) => ScriptedChatClient.Call("call-1", ScriptedChatClient.ToolName(options, Flux2ToolNames.GenerateImage),
                new { prompt = "a lighthouse at dusk", size = "256x256", seed = 4711, output_format = "png", num_images = 1 }),
            (conversation, options) =>
            {
                var result = ScriptedChatClient.Result(conversation, "call-1");
                generatedId = result.GetProperty("images")[0].GetProperty("id").GetString();
                return ScriptedChatClient.Call("call-2", ScriptedChatClient.ToolName(options, Flux2ToolNames.DownloadImage),
                    new { url = "flux2://images/" + generatedId, path = "lighthouse.png" });
            },
            (conversation, _) =>
            {
                var saved = ScriptedChatClient.Result(conversation, "call-2");
                return new ChatMessage(ChatRole.Assistant, "Saved to " + saved.GetProperty("path").GetString());
            });
        using var kernel = TestKernel.Create(simulator.Server, model);

        var reply = await kernel.AskAsync([], "Draw a lighthouse at dusk and save it as lighthouse.png");

        string expectedPath = Path.Combine(kernel.OutputDirectory, "lighthouse.png");
        Assert.Equal("Saved to " + expectedPath, reply.Content);
        Assert.True(File.Exists(expectedPath));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(expectedPath)[..4]);
        Assert.NotNull(generatedId);
        Assert.Equal(3, model.Requests.Count);

        // The model saw the generate result (seed, provider, the id it passed on) as compact JSON text, not base64.
        var generateResult = ScriptedChatClient.Result(model.Requests[1], "call-1");
        Assert.Equal(4711, generateResult.GetProperty("seed").GetInt64());
        Assert.Equal("fal", generateResult.GetProperty("provider").GetString());
        var image = generateResult.GetProperty("images")[0];
        Assert.Equal(256, image.GetProperty("width").GetInt32());
        Assert.True(File.Exists(image.GetProperty("path").GetString()));
        Assert.False(image.TryGetProperty("data", out _));
        string rawResult = model.Requests[1].SelectMany(m => m.Contents).OfType<Microsoft.Extensions.AI.FunctionResultContent>().Single().Result switch
        {
            string text => text,
            var other => JsonSerializer.Serialize(other),
        };
        Assert.True(rawResult.Length < 2000, $"the result is {rawResult.Length} characters: {rawResult[..200]}");
        Assert.DoesNotContain("base64", rawResult, StringComparison.OrdinalIgnoreCase);

        var downloadResult = ScriptedChatClient.Result(model.Requests[2], "call-2");
        Assert.Equal("flux2://images/" + generatedId, downloadResult.GetProperty("source").GetString());
        Assert.Equal(64, downloadResult.GetProperty("sha256").GetString()!.Length);
    }

    [Fact]
    public async Task Conversation_OffersBothFunctionsWithTheirDescriptions()
    {
        var model = new ScriptedChatClient((_, _) => new ChatMessage(ChatRole.Assistant, "Nothing to draw."));
        using var kernel = TestKernel.Create(simulator.Server, model);

        await kernel.AskAsync([], "hello");

        var tools = model.OfferedTools.Single().OfType<AIFunction>().ToDictionary(t => t.Name);
        Assert.Equal(["flux2_download_image", "flux2_generate_image"], tools.Keys.Order());
        Assert.Equal(Flux2ToolDescriptions.GenerateImage, tools["flux2_generate_image"].Description);
        Assert.Equal(Flux2ToolDescriptions.Prompt,
            tools["flux2_generate_image"].JsonSchema.GetProperty("properties").GetProperty("prompt").GetProperty("description").GetString());
    }

    [Fact]
    public async Task Conversation_InvalidArgument_ComesBackAsAResultAndTheModelCanRecover()
    {
        var model = new ScriptedChatClient(
            (_, options) => ScriptedChatClient.Call("bad", ScriptedChatClient.ToolName(options, Flux2ToolNames.GenerateImage),
                new { prompt = "a red circle", size = "enormous" }),
            (conversation, options) =>
            {
                var error = ScriptedChatClient.Result(conversation, "bad");
                Assert.Equal("invalid_argument", error.GetProperty("error").GetString());
                Assert.Equal("size", error.GetProperty("parameter").GetString());
                return ScriptedChatClient.Call("good", ScriptedChatClient.ToolName(options, Flux2ToolNames.GenerateImage),
                    new { prompt = "a red circle", size = "128x128" });
            },
            (conversation, _) =>
            {
                var ok = ScriptedChatClient.Result(conversation, "good");
                return new ChatMessage(ChatRole.Assistant, "Done: " + ok.GetProperty("images")[0].GetProperty("id").GetString());
            });
        using var kernel = TestKernel.Create(simulator.Server, model);

        var reply = await kernel.AskAsync([], "Draw a red circle, enormous");

        Assert.StartsWith("Done: ", reply.Content);
        Assert.Equal(3, model.Requests.Count);
    }

    [Fact]
    public async Task Previews_WhenOptedIn_AreAddedToTheChatHistoryAsImages()
    {
        var model = new ScriptedChatClient(
            (_, options) => ScriptedChatClient.Call("c", ScriptedChatClient.ToolName(options, Flux2ToolNames.GenerateImage),
                new { prompt = "two cats", size = "256x256", num_images = 2 }),
            (_, _) => new ChatMessage(ChatRole.Assistant, "Here they are."));
        using var kernel = TestKernel.Create(simulator.Server, model, o => o.AddPreviewsToChatHistory = true);
        var history = new ChatHistory();

        await kernel.AskAsync(history, "Draw two cats");
        int added = history.AddFlux2Previews(kernel.Kernel);

        Assert.Equal(2, added);
        var message = history[^1];
        Assert.Equal(AuthorRole.User, message.Role);
        var images = message.Items.OfType<ImageContent>().ToList();
        Assert.Equal(2, images.Count);
        Assert.All(images, i => Assert.Equal("image/jpeg", i.MimeType));
        Assert.All(images, i => Assert.Equal(0xFF, i.Data!.Value.Span[0]));
        Assert.Equal(0, history.AddFlux2Previews(kernel.Kernel));
    }

    [Fact]
    public async Task Previews_ByDefault_AreNotKept()
    {
        var model = new ScriptedChatClient(
            (_, options) => ScriptedChatClient.Call("c", ScriptedChatClient.ToolName(options, Flux2ToolNames.GenerateImage),
                new { prompt = "a dog", size = "128x128" }),
            (_, _) => new ChatMessage(ChatRole.Assistant, "Here it is."));
        using var kernel = TestKernel.Create(simulator.Server, model);
        var history = new ChatHistory();

        await kernel.AskAsync(history, "Draw a dog");

        Assert.Equal(0, history.AddFlux2Previews(kernel.Kernel));
        Assert.DoesNotContain(history, m => m.Items.OfType<ImageContent>().Any());
    }
}
