using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Flux2.Agents.Tests;

/// <summary>
/// Issue 17, item 4, in the tool core over real HTTP (the simulator as fal, images over a small Download:MaxBytes): a result the
/// provider made but the guards refuse is the provider's fault, said in a warning that names what came back, with the URL kept;
/// the same refusal of a URL the caller passed to download_image stays an argument error.
/// </summary>
public sealed class ResultRefusalTests : IAsyncLifetime
{
    private SimulatedTools _tools = null!;

    private Flux2ImageTools Tools => _tools.Tools;

    private string OutputDirectory => _tools.OutputDirectory;

    public async Task InitializeAsync() =>
        _tools = await SimulatedTools.StartAsync("refusal", server => new Dictionary<string, string?>(SimulatedTools.Fal(server))
        {
            ["Flux2:Download:MaxBytes"] = "1024",
        });

    public Task DisposeAsync() => _tools.DisposeAsync().AsTask();

    [Fact]
    public async Task GenerateImage_WhoseResultIsOverTheCap_WarnsThatTheProvidersResultIsTooLarge_AndKeepsItsUrl()
    {
        var output = await Tools.GenerateImageAsync(new Flux2GenerateImageInput { Prompt = "a lighthouse", Size = "512x512", OutputFormat = "png" });

        var image = Assert.Single(output.Images);
        Assert.Null(image.Id);
        Assert.Null(image.Path);
        Assert.NotNull(image.Url);
        string warning = Assert.Single(output.Warnings, w => w.Contains("could not be fetched", StringComparison.Ordinal));
        Assert.Contains("fal finished the job, but its result", warning, StringComparison.Ordinal);
        Assert.Contains("too large", warning, StringComparison.Ordinal);
        Assert.Contains("1024 bytes", warning, StringComparison.Ordinal);
        Assert.Contains("Flux2:Download:MaxBytes", warning, StringComparison.Ordinal);
        Assert.Equal(1, _tools.Server.Counters.Get("fal-queue", "submit"));
        Assert.False(Directory.Exists(OutputDirectory) && Directory.EnumerateFileSystemEntries(OutputDirectory).Any());
    }

    [Fact]
    public async Task DownloadImage_OfAUrlTheCallerGave_OverTheCap_IsAnArgumentError()
    {
        var generated = await Tools.GenerateImageAsync(new Flux2GenerateImageInput { Prompt = "a lighthouse", Size = "512x512", OutputFormat = "png" });
        string url = Assert.Single(generated.Images).Url!;
        var download = Tools.AsAIFunctions().Single(f => f.Name == Flux2ToolNames.DownloadImage);

        var result = (JsonElement)(await download.InvokeAsync(new AIFunctionArguments { ["url"] = url, ["path"] = "saved.png" }))!;

        Assert.Equal("download_refused", result.GetProperty("error").GetString());
        Assert.Equal("argument", result.GetProperty("category").GetString());
        Assert.False(result.GetProperty("retryable").GetBoolean());
        Assert.Contains("Flux2:Download:MaxBytes", result.GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
