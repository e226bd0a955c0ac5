using Flux2.Client;
using Flux2.Simulator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Flux2.Agents.Tests.Images;

/// <summary>
/// Provenance kept: BFL's outputs carry C2PA Content Credentials (the simulator embeds a real, signed manifest store as BFL does).
/// The tools keep the provider's bytes as they came wherever no conversion was asked, say whether each saved file carries a
/// manifest, and say so when a conversion drops it.
/// </summary>
public sealed class ContentCredentialsKeptTests : IAsyncLifetime
{
    private SimulatorServer _server = null!;
    private ServiceProvider _services = null!;
    private readonly TempDirectory _root = new("c2pa");

    private Flux2ImageTools Tools => _services.GetRequiredService<Flux2ImageTools>();

    public async Task InitializeAsync()
    {
        _server = await SimulatorServer.StartAsync(new SimulatorOptions { Latency = TimeSpan.Zero });
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Flux2:Providers:Bfl:ApiKey"] = "bfl-test-key",
            ["Flux2:Providers:Bfl:BaseUrl"] = _server.DialectUrl("bfl").ToString(),
            ["Flux2:Providers:Fal:ApiKey"] = "fal-test-key",
            ["Flux2:Providers:Fal:BaseUrl"] = _server.DialectUrl("fal").ToString(),
            ["Flux2:Providers:Fal:QueueBaseUrl"] = _server.DialectUrl("fal-queue").ToString(),
            ["Flux2:OutputDirectory"] = _root.Combine("out"),
            ["Flux2:Tools:CacheDirectory"] = _root.Combine("cache"),
        }).Build();
        _services = new ServiceCollection().AddFlux2Tools(configuration).BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _server.DisposeAsync();
        _root.Dispose();
    }

    [Theory]
    [InlineData(Flux2Models.Pro)]
    [InlineData(Flux2Models.Flux3Image)]
    public async Task ABflImage_IsSavedAsItCame_AndTheResultSaysItCarriesContentCredentials(string model)
    {
        var generated = await Tools.GenerateImageAsync(new Flux2GenerateImageInput { Prompt = "a lighthouse", Model = model, Provider = "bfl", Resolution = "768sq", Size = "512x512" });

        var image = Assert.Single(generated.Images);
        Assert.True(image.C2pa);
        byte[] saved = await File.ReadAllBytesAsync(image.Path!);
        Assert.True(Flux2ContentCredentials.HasManifest(saved));
        using var http = new HttpClient();
        http.DefaultRequestHeaders.UserAgent.ParseAdd("flux2-tests/1.0");
        Assert.Equal(await http.GetByteArrayAsync(image.Url), saved); // the provider's bytes, untouched
    }

    [Fact]
    public async Task AnImageWithoutCredentials_SaysSo()
    {
        var generated = await Tools.GenerateImageAsync(new Flux2GenerateImageInput { Prompt = "a lighthouse", Provider = "fal", Size = "256x256" });

        Assert.False(Assert.Single(generated.Images).C2pa);
    }

    [Fact]
    public async Task DownloadImage_UnderItsOwnFormat_KeepsTheCredentials_AndAConversionThatDropsThemSaysSo()
    {
        // BFL's flux-2-pro answers JPEG when no format is asked for.
        var generated = await Tools.GenerateImageAsync(new Flux2GenerateImageInput { Prompt = "a lighthouse", Provider = "bfl", Size = "256x256" });
        string id = Assert.Single(generated.Images).Uri!;

        var kept = await Tools.DownloadImageAsync(new Flux2DownloadImageInput { Url = id, Path = "kept.jpg" });
        var converted = await Tools.DownloadImageAsync(new Flux2DownloadImageInput { Url = id, Path = "converted.png" });

        Assert.True(kept.C2pa);
        Assert.Empty(kept.Warnings);
        Assert.False(converted.C2pa);
        Assert.Contains("The conversion dropped the image's Content Credentials (C2PA manifest)", Assert.Single(converted.Warnings), StringComparison.Ordinal);
    }
}
