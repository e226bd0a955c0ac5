using System.Text.Json;

namespace Flux2.Mcp.Tests;

/// <summary>Flux2:Mcp:ConfirmAboveUsd: a paid call above the threshold waits for the user, and nothing is sent when declined.</summary>
public sealed class CostConfirmationTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>
{
    private static readonly Dictionary<string, string> Threshold = new() { ["Flux2:Mcp:ConfirmAboveUsd"] = "0.01" };

    [Theory]
    [InlineData(null)]          // the newest revision: the SDK carries the question as an input-required result and a retry
    [InlineData("2025-11-25")]  // an older client: a plain elicitation/create request
    public async Task AboveTheThreshold_AcceptedByTheUser_Generates(string? protocolVersion)
    {
        var asked = new List<ElicitRequestParams>();
        await using var server = await StartAsync(protocolVersion, request =>
        {
            asked.Add(request);
            return new ElicitResult { Action = "accept", Content = new Dictionary<string, JsonElement> { ["confirm"] = JsonSerializer.SerializeToElement(true) } };
        });
        long submits = simulator.Server.Counters.Get("fal-queue", "submit");

        var result = await server.Client.CallToolAsync("generate_image", new Dictionary<string, object?> { ["prompt"] = "a lighthouse", ["num_images"] = 2 });

        Assert.True(result.IsError != true, string.Join("\n", result.Content.OfType<TextContentBlock>().Select(t => t.Text)));
        var question = Assert.Single(asked);
        Assert.Contains("2 images of 1024x1024 with flux-2-pro on fal", question.Message, StringComparison.Ordinal);
        // fal's published price for flux-2-pro: $0.03 for the first megapixel and $0.015 for each further one, rounded up;
        // 1024x1024 is 1.05 MP, so $0.045 an image and $0.09 for two.
        Assert.Contains("estimated $0.09", question.Message, StringComparison.Ordinal);
        Assert.Contains("$0.01", question.Message, StringComparison.Ordinal);
        Assert.Equal(2, result.StructuredContent!.Value.GetProperty("images").GetArrayLength());
        Assert.True(simulator.Server.Counters.Get("fal-queue", "submit") > submits);
    }

    [Theory]
    [InlineData("decline", "declined")]
    [InlineData("cancel", "cancelled")]
    public async Task AboveTheThreshold_DeclinedOrCancelled_SendsNothing_AndSaysSoPlainly(string action, string said)
    {
        await using var server = await StartAsync(null, _ => new ElicitResult { Action = action });
        long submits = simulator.Server.Counters.Get("fal-queue", "submit");
        long total = simulator.Server.Counters.Total;

        var result = await server.Client.CallToolAsync("generate_image", new Dictionary<string, object?> { ["prompt"] = "a lighthouse" });

        Assert.True(result.IsError != true, string.Join("\n", result.Content.OfType<TextContentBlock>().Select(t => t.Text)));
        string text = Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;
        Assert.StartsWith($"Not generated: the user {said}", text, StringComparison.Ordinal);
        Assert.Contains("nothing was charged", text, StringComparison.Ordinal);
        Assert.Equal(0, result.StructuredContent!.Value.GetProperty("images").GetArrayLength());
        Assert.Equal(submits, simulator.Server.Counters.Get("fal-queue", "submit"));
        Assert.Equal(total, simulator.Server.Counters.Total);
        Assert.Empty(Directory.GetFiles(server.OutputDirectory));
    }

    [Fact]
    public async Task AboveTheThreshold_ClientThatCannotBeAsked_IsRefusedNamingTheSetting()
    {
        await using var server = await TestServer.StartHttpAsync(simulator.Server, Threshold);
        long total = simulator.Server.Counters.Total;

        var result = await server.Client.CallToolAsync("generate_image", new Dictionary<string, object?> { ["prompt"] = "a lighthouse" });

        Assert.True(result.IsError);
        Assert.Contains("Flux2:Mcp:ConfirmAboveUsd", Assert.IsType<TextContentBlock>(result.Content[0]).Text, StringComparison.Ordinal);
        Assert.Equal(total, simulator.Server.Counters.Total);
    }

    [Fact]
    public async Task BelowTheThreshold_OrUnset_NobodyIsAsked()
    {
        int asked = 0;
        await using var server = await StartAsync(null, _ =>
        {
            asked++;
            return new ElicitResult { Action = "decline" };
        }, new Dictionary<string, string> { ["Flux2:Mcp:ConfirmAboveUsd"] = "5" });

        var result = await server.Client.CallToolAsync("generate_image", new Dictionary<string, object?> { ["prompt"] = "a lighthouse" });

        Assert.NotEqual(true, result.IsError);
        Assert.Equal(0, asked);
        Assert.Single(result.StructuredContent!.Value.GetProperty("images").EnumerateArray());
    }

    private Task<TestServer> StartAsync(string? protocolVersion, Func<ElicitRequestParams, ElicitResult> answer, Dictionary<string, string>? settings = null) =>
        TestServer.StartHttpAsync(simulator.Server, settings ?? Threshold, clientOptions: new McpClientOptions
        {
            ProtocolVersion = protocolVersion,
            Handlers = new McpClientHandlers
            {
                ElicitationHandler = (request, _) => ValueTask.FromResult(answer(request!)),
            },
        });
}
