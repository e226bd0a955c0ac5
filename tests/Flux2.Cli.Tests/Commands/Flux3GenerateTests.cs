namespace Flux2.Cli.Tests;

/// <summary>The FLUX 3 family from the command line, offline (the built-in simulator speaks BFL's and fal's dialects as published).</summary>
public sealed class Flux3GenerateTests
{
    private const string Layout = """[{"label":"fox","box":[0.1,0.4,0.5,0.9],"description":"a red fox"}]""";

    [Theory]
    [InlineData("bfl", true)]
    [InlineData("fal", false)]
    public async Task TheIssuesCommand_Flux31WithALayoutAt2k_Works_AndTheResultReportsRevisedPromptAndContentCredentials(string provider, bool bfl)
    {
        using var dir = new TempDirectory();

        var result = await Cli.RunAsync(
            ["generate", "a fox <fox> under a tree", "--model", "flux-3.1-image", "--provider", provider, "--layout", Layout, "--resolution", "2k", "--out", dir.Path + "/", "--json"],
            Cli.OfflineEnvironment());

        Assert.True(result.ExitCode == 0, result.ToString());
        var json = result.Json;
        Assert.Equal("flux-3.1-image", json.GetProperty("model").GetString());
        var image = Assert.Single(json.GetProperty("images").EnumerateArray());
        Assert.Equal((2048, 2048), (image.GetProperty("width").GetInt32(), image.GetProperty("height").GetInt32())); // 2k on a 1:1 frame
        Assert.Equal(bfl, image.GetProperty("c2pa").GetBoolean());
        if (bfl)
        {
            Assert.StartsWith("a fox <fox> under a tree ", json.GetProperty("revised_prompt").GetString(), StringComparison.Ordinal);
            Assert.Contains("revised prompt: a fox <fox> under a tree", result.Stderr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Flux3Image_OnBfl_ReportsGroundingOn_AndTheSeedIsNotSent()
    {
        using var dir = new TempDirectory();

        var result = await Cli.RunAsync(
            ["generate", "the Eiffel tower at dusk", "--model", "flux-3-image", "--provider", "bfl", "--seed", "4", "--size", "landscape_16_9", "--out", dir.Path + "/", "--json"],
            Cli.OfflineEnvironment());

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(result.Json.GetProperty("grounding").GetBoolean());
        var warnings = result.Json.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()).ToList();
        Assert.Contains("seed was ignored: flux-3-image on bfl takes no seed.", warnings);
        Assert.Contains(warnings, w => w!.StartsWith("size 1344x768 goes out as aspect_ratio 16:9 at resolution 1k", StringComparison.Ordinal));
        var image = Assert.Single(result.Json.GetProperty("images").EnumerateArray());
        Assert.Equal((1360, 768), (image.GetProperty("width").GetInt32(), image.GetProperty("height").GetInt32())); // BFL: 1k at 16:9
    }

    [Theory]
    [InlineData("together")]
    [InlineData("segmind")]
    public async Task AProviderWithoutFlux3_IsRefusedBeforeAnyCall_NamingTheProvidersThatServeIt(string provider)
    {
        var result = await Cli.RunAsync(["generate", "a fox", "--model", "flux-3-image", "--provider", provider, "--json"], Cli.OfflineEnvironment());

        Assert.Equal(2, result.ExitCode);
        Assert.EndsWith("flux-3-image is served by: fal, bfl, replicate.", result.Json.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALayoutOnAFlux2Model_IsUnsupported_Exit2()
    {
        var result = await Cli.RunAsync(["generate", "a fox <fox>", "--model", "flux-2-pro", "--layout", Layout, "--json"], Cli.OfflineEnvironment());

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("unsupported", result.Json.GetProperty("error").GetProperty("kind").GetString());
    }

    [Fact]
    public async Task ABadLayoutJson_IsAParseError_NamingTheShape()
    {
        var result = await Cli.RunAsync(["generate", "a fox", "--model", "flux-3.1-image", "--layout", "{label: fox}"], Cli.OfflineEnvironment());

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--layout is not valid JSON", result.Stderr, StringComparison.Ordinal);
    }
}
