using System.Text.Json;
using Xunit.Abstractions;

namespace Flux2.EndToEnd;

/// <summary>
/// The providers' official npm SDKs, run by the node/sdk-*.mjs scripts with Node 22, work against the simulator with only
/// their base URL changed. Each script prints one JSON summary line and exits 0 when every check it makes passed.
/// </summary>
[Collection(EndToEndGroup.Name)]
[Trait("Category", "Slow")]
[Trait("Needs", "node")]
public sealed class ProviderSdkTests(NodeToolsFixture node, SimulatorFixture simulator, ITestOutputHelper output)
    : IClassFixture<SimulatorFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task FalClient_SubscribesStreamsAndRunsSyncAgainstTheSimulator()
    {
        var summary = await RunScriptAsync("sdk-fal.mjs", "@fal-ai/client");

        Assert.Equal("COMPLETED", summary.GetProperty("statuses").EnumerateArray().Last().GetString());
        Assert.Equal("COMPLETED", summary.GetProperty("streamed").EnumerateArray().Last().GetString());
        Assert.False(string.IsNullOrEmpty(ToolResultAssertions.Text(summary, "requestId")));
        AssertImage(summary.GetProperty("image"));
        AssertImage(summary.GetProperty("syncImage"));
    }

    [Fact]
    public async Task ReplicateClient_RunsAndPollsPredictionsAgainstTheSimulator()
    {
        var summary = await RunScriptAsync("sdk-replicate.mjs", "replicate");

        Assert.Equal("png", AssertImage(summary.GetProperty("pro")));
        Assert.Equal("jpeg", AssertImage(summary.GetProperty("klein")));
        Assert.False(string.IsNullOrEmpty(ToolResultAssertions.Text(summary, "polled")));
    }

    [Fact]
    public async Task TogetherClient_GeneratesUrlAndBase64ImagesAgainstTheSimulator()
    {
        var summary = await RunScriptAsync("sdk-together.mjs", "together-ai");

        AssertImage(summary.GetProperty("url"));
        Assert.Equal("png", AssertImage(summary.GetProperty("base64")));
    }

    [Fact]
    public async Task OpenAiClient_GeneratesUrlAndBase64ImagesAgainstTheAimlDialect()
    {
        var summary = await RunScriptAsync("sdk-openai.mjs", "openai");

        AssertImage(summary.GetProperty("url"));
        AssertImage(summary.GetProperty("base64"));
    }

    [Fact]
    [Trait("Category", "Slow")]
    [Trait("Needs", "node")]
    public async Task VercelAiSdk_BlackForestLabs_GeneratesFlux2AndTheFlux3FamilyAgainstTheBflDialect()
    {
        var summary = await RunScriptAsync("sdk-ai-bfl.mjs", "@ai-sdk/black-forest-labs");

        Assert.Equal("jpeg", AssertImage(summary.GetProperty("flux2")));
        Assert.Equal("png", AssertImage(summary.GetProperty("flux3")));
        Assert.Equal("png", AssertImage(summary.GetProperty("flux31")));
        var statuses = summary.GetProperty("flux3").GetProperty("statuses").EnumerateArray().Select(s => s.GetString()).ToList();
        Assert.Contains("Reasoning", statuses);
        Assert.Contains("Generating", statuses);
        Assert.True(summary.GetProperty("flux3").GetProperty("c2pa").GetBoolean());
    }

    [Fact]
    [Trait("Category", "Slow")]
    [Trait("Needs", "node")]
    public async Task VercelAiSdk_Fal_GeneratesAFlux2AppAndFlux3ImageAgainstTheFalDialect()
    {
        var summary = await RunScriptAsync("sdk-ai-fal.mjs", "@ai-sdk/fal");

        Assert.Equal("jpeg", AssertImage(summary.GetProperty("flux2")));
        Assert.Equal("png", AssertImage(summary.GetProperty("flux3")));
        Assert.Equal(1360, summary.GetProperty("flux3").GetProperty("width").GetInt32());
    }

    private async Task<JsonElement> RunScriptAsync(string script, string sdk)
    {
        Assert.True(File.Exists(Path.Combine(node.Directory, script)), $"{script} is missing from {node.Directory}");
        output.WriteLine(node.Summary);

        var run = await ChildProcess.RunAsync(
            node.Start(node.Directory, home: null, [Path.Combine(node.Directory, script), simulator.Server.BaseUrl.ToString()]), Timeout);
        output.WriteLine(run.Describe());

        Assert.False(run.TimedOut, $"{script} timed out.\n" + run.Describe());
        string? line = run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        Assert.True(line is not null, $"{script} printed no summary.\n" + run.Describe());
        JsonElement summary;
        try
        {
            using var document = JsonDocument.Parse(line);
            summary = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new Xunit.Sdk.XunitException($"{script}'s last line is not JSON ({ex.Message}).\n" + run.Describe());
        }

        Assert.True(run.ExitCode == 0 && summary.GetProperty("ok").GetBoolean(), $"{script} failed against the simulator.\n" + run.Describe());
        Assert.Equal(sdk, ToolResultAssertions.Text(summary, "sdk"));
        return summary;
    }

    /// <summary>Asserts a summary's image entry (<c>{ kind, bytes }</c>) is a real image and returns its kind.</summary>
    private static string AssertImage(JsonElement image)
    {
        string? kind = ToolResultAssertions.Text(image, "kind");
        Assert.Contains(kind, new[] { "png", "jpeg", "webp" });
        Assert.True(image.GetProperty("bytes").GetInt64() > 0, $"empty image: {image}");
        return kind!;
    }
}
