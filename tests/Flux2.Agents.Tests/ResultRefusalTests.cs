using System.Text.Json;
using Flux2.Simulator;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Flux2.Agents.Tests;

/// <summary>
/// Issue 17, item 4, in the tool core over real HTTP (the simulator as fal, images over a small Download:MaxBytes): a result the
/// provider made but the guards refuse is the provider's fault, said in a warning that names what came back, with the URL kept;
/// the same refusal of a URL the caller passed to download_image stays an argument error.
/// </summary>
public sealed class ResultRefusalTests : IAsyncLifetime
{
    private SimulatorServer _server = null!;
    private ServiceProvider _services = null!;
    private readonly TempDirectory _root = new("refusal");

    private Flux2ImageTools Tools => _services.GetRequiredService<Flux2ImageTools>();

    private string OutputDirectory => _root.Combine("out");

    public async Task InitializeAsync()
    {
        _server = await SimulatorServer.StartAsync(new SimulatorOptions { Latency = TimeSpan.Zero });
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Flux2:Provider"] = "fal",
            ["Flux2:Providers:Fal:ApiKey"] = "test-key",
            ["Flux2:Providers:Fal:BaseUrl"] = _server.DialectUrl("fal").ToString(),
            ["Flux2:Providers:Fal:QueueBaseUrl"] = _server.DialectUrl("fal-queue").ToString(),
            ["Flux2:OutputDirectory"] = OutputDirectory,
            ["Flux2:Tools:CacheDirectory"] = _root.Combine("cache"),
            ["Flux2:Download:MaxBytes"] = "1024",
        }).Build();
        _services = new ServiceCollection().AddFlux2Tools(configuration).BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _server.DisposeAsync();
        _root.Dispose();
    }

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
        Assert.Equal(1, _server.Counters.Get("fal-queue", "submit"));
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
