using Flux2.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;

namespace Flux2.Agents.Tests.Images;

/// <summary>download_image over real HTTP (the simulator as fal): the file a caller names is what its name says.</summary>
public sealed class DownloadImageFormatTests : IAsyncLifetime
{
    private SimulatedTools _tools = null!;

    private Flux2ImageTools Tools => _tools.Tools;

    private string OutputDirectory => _tools.OutputDirectory;

    public async Task InitializeAsync() =>
        _tools = await SimulatedTools.StartAsync("download-format", server => new Dictionary<string, string?>(SimulatedTools.Fal(server))
        {
            ["Flux2:Tools:SaveImages"] = "false",
        });

    public Task DisposeAsync() => _tools.DisposeAsync().AsTask();

    /// <summary>fal flux-2-pro returns JPEG when no format is asked for.</summary>
    private async Task<Flux2ToolImage> GenerateJpegAsync()
    {
        var generated = await Tools.GenerateImageAsync(new Flux2GenerateImageInput { Prompt = "a lighthouse", Model = Flux2Models.Pro, Size = "256x192", Seed = 5 });
        var image = Assert.Single(generated.Images);
        Assert.Equal("image/jpeg", image.ContentType);
        return image;
    }

    [Fact]
    public async Task DownloadImage_OfAJpegUrlToAPngPath_SavesPngBytesAndSaysItConverted()
    {
        var image = await GenerateJpegAsync();

        var saved = await Tools.DownloadImageAsync(new Flux2DownloadImageInput { Url = image.Url!, Path = "lighthouse.png" });

        Assert.Equal(Path.Combine(OutputDirectory, "lighthouse.png"), saved.Path);
        Assert.Equal(SKEncodedImageFormat.Png, FormatOf(saved.Path));
        Assert.Equal("image/png", saved.ContentType);
        Assert.Equal((image.Width, image.Height), (saved.Width, saved.Height));
        string warning = Assert.Single(saved.Warnings);
        Assert.Contains("JPEG", warning, StringComparison.Ordinal);
        Assert.Contains("converted it to PNG", warning, StringComparison.Ordinal);
        Assert.Equal([saved.Path!], Directory.GetFiles(OutputDirectory));
    }

    [Fact]
    public async Task DownloadImage_OfAStoredJpegToAWebpPath_SavesWebpBytes()
    {
        var image = await GenerateJpegAsync();

        var saved = await Tools.DownloadImageAsync(new Flux2DownloadImageInput { Url = image.Uri!, Path = "shots/lighthouse.webp" });

        Assert.Equal(Path.Combine(OutputDirectory, "shots", "lighthouse.webp"), saved.Path);
        Assert.Equal(SKEncodedImageFormat.Webp, FormatOf(saved.Path));
        Assert.Contains("converted it to WebP", Assert.Single(saved.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DownloadImage_ToAPathThatAgreesWithTheBytes_SavesThemUntouched()
    {
        var image = await GenerateJpegAsync();
        var stored = await Tools.Store.GetAsync(image.Id!);
        Assert.NotNull(stored);

        var saved = await Tools.DownloadImageAsync(new Flux2DownloadImageInput { Url = image.Url!, Path = "lighthouse.jpeg" });

        Assert.Equal(Path.Combine(OutputDirectory, "lighthouse.jpeg"), saved.Path);
        Assert.Equal(stored.Data.ToArray(), await File.ReadAllBytesAsync(saved.Path!));
        Assert.Empty(saved.Warnings);
    }

    [Theory]
    [InlineData("lighthouse", "lighthouse.jpg", false)]
    [InlineData("notes.txt", "notes.txt.jpg", true)]
    [InlineData("lighthouse.gif", "lighthouse.jpg", true)]
    public async Task DownloadImage_ToANameWithNoUsableExtension_GetsTheExtensionItsBytesCallFor(string path, string expected, bool warns)
    {
        var image = await GenerateJpegAsync();

        var saved = await Tools.DownloadImageAsync(new Flux2DownloadImageInput { Url = image.Url!, Path = path });

        Assert.Equal(Path.Combine(OutputDirectory, expected), saved.Path);
        Assert.Equal(SKEncodedImageFormat.Jpeg, FormatOf(saved.Path));
        Assert.Equal(warns, saved.Warnings.Count == 1);
        Assert.Equal([saved.Path!], Directory.GetFiles(OutputDirectory));
    }

    [Fact]
    public async Task DownloadImage_OntoAnExistingFile_IsRefusedAndLeavesItAlone()
    {
        var image = await GenerateJpegAsync();
        string existing = Path.Combine(OutputDirectory, "taken.png");
        Directory.CreateDirectory(OutputDirectory);
        await File.WriteAllTextAsync(existing, "mine");

        var error = await Assert.ThrowsAsync<Flux2Exception>(() => Tools.DownloadImageAsync(new Flux2DownloadImageInput { Url = image.Url!, Path = "taken.png" }));

        Assert.Equal(Flux2ErrorKind.DownloadRefused, error.Kind);
        Assert.Equal("path", error.Parameter);
        Assert.Equal("mine", await File.ReadAllTextAsync(existing));
    }

    private static SKEncodedImageFormat FormatOf(string? path)
    {
        using var codec = SKCodec.Create(Assert.IsType<string>(path));
        return codec.EncodedFormat;
    }
}
