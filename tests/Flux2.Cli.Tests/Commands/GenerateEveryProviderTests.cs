using Flux2.Simulator;

namespace Flux2.Cli.Tests;

/// <summary>Switching provider is configuration only: a key and a base URL, the same command line.</summary>
public sealed class GenerateEveryProviderTests
{
    [Theory]
    [InlineData("fal", "FAL_KEY", "Fal", "fal")]
    [InlineData("bfl", "BFL_API_KEY", "Bfl", "bfl")]
    [InlineData("replicate", "REPLICATE_API_TOKEN", "Replicate", "replicate")]
    [InlineData("together", "TOGETHER_API_KEY", "Together", "together")]
    [InlineData("aimlapi", "AIML_API_KEY", "AimlApi", "aiml")]
    [InlineData("segmind", "SEGMIND_API_KEY", "Segmind", "segmind")]
    [InlineData("openai", "FLUX2_OPENAI_API_KEY", "OpenAI", "aiml")]
    public async Task Generate_WithOnlyTheBaseUrlChanged_WorksOnEveryProvider(string provider, string keyVariable, string section, string prefix)
    {
        await using var server = await SimulatorServer.StartAsync();
        using var dir = new TempDirectory();
        var environment = new Dictionary<string, string?>
        {
            [keyVariable] = "test-key",
            [$"Flux2__Providers__{section}__BaseUrl"] = server.DialectUrl(prefix).ToString(),
        };
        if (provider == "fal")
        {
            environment["Flux2__Providers__Fal__QueueBaseUrl"] = server.DialectUrl("fal-queue").ToString();
        }

        var result = await Cli.RunAsync(
            ["generate", "a red fox in snow", "--provider", provider, "--model", "flux-2-pro", "--size", "512x512", "--out", dir.Path + "/", "--json"],
            environment);

        Assert.True(result.ExitCode == 0, result.ToString());
        var json = result.Json;
        Assert.Equal(provider, json.GetProperty("provider").GetString());
        Assert.False(json.GetProperty("simulated").GetBoolean());
        var image = Assert.Single(json.GetProperty("images").EnumerateArray());
        string path = image.GetProperty("path").GetString()!;
        Assert.StartsWith(dir.Path, path, StringComparison.Ordinal);
        Assert.True(new FileInfo(path).Length > 100, path);
    }
}
