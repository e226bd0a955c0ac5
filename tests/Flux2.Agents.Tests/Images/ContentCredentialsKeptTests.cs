using Flux2.Client;

namespace Flux2.Agents.Tests.Images;

/// <summary>
/// Provenance kept: BFL's outputs carry C2PA Content Credentials (the simulator embeds a real, signed manifest store as BFL does).
/// The tools keep the provider's bytes as they came wherever no conversion was asked, say whether each saved file carries a
/// manifest, and say so when a conversion drops it.
/// </summary>
public sealed class ContentCredentialsKeptTests : IAsyncLifetime
{
    private SimulatedTools _tools = null!;

    private Flux2ImageTools Tools => _tools.Tools;

    public async Task InitializeAsync() =>
        _tools = await SimulatedTools.StartAsync("c2pa", server => new Dictionary<string, string?>
        {
            ["Flux2:Providers:Bfl:ApiKey"] = "bfl-test-key",
            ["Flux2:Providers:Bfl:BaseUrl"] = server.DialectUrl("bfl").ToString(),
            ["Flux2:Providers:Fal:ApiKey"] = "fal-test-key",
            ["Flux2:Providers:Fal:BaseUrl"] = server.DialectUrl("fal").ToString(),
            ["Flux2:Providers:Fal:QueueBaseUrl"] = server.DialectUrl("fal-queue").ToString(),
        });

    public Task DisposeAsync() => _tools.DisposeAsync().AsTask();

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
