using Microsoft.Extensions.Options;
using SkiaSharp;

namespace Flux2.Agents.Tests;

public sealed class Flux2ImagePreviewerTests
{
    private readonly Flux2ImagePreviewer _previewer = new(Options.Create(new Flux2ToolsOptions()));

    [Fact]
    public void Create_For2048SquareNoise_FitsTheDefaultBudgets()
    {
        byte[] png = TestImages.Noise(2048, 2048);

        var preview = _previewer.Create(png);

        Assert.NotNull(preview);
        Assert.True(preview.Base64Length <= 750_000, $"{preview.Base64Length} bytes of base64");
        Assert.True(Math.Max(preview.Width, preview.Height) <= 1568);
        using var decoded = SKBitmap.Decode(preview.Data.ToArray());
        Assert.Equal((preview.Width, preview.Height), (decoded.Width, decoded.Height));
    }

    [Fact]
    public void Create_WithATightBudget_ShrinksUntilItFits()
    {
        byte[] png = TestImages.Noise(1024, 768);

        var preview = _previewer.Create(png, maxBase64Bytes: 20_000, maxLongSide: 1024);

        Assert.NotNull(preview);
        Assert.True(preview.Base64Length <= 20_000);
        Assert.InRange(preview.Width / (double)preview.Height, 1.30, 1.37);
    }

    [Fact]
    public void Create_SmallImage_IsNotUpscaled()
    {
        var preview = _previewer.Create(TestImages.Noise(100, 50));

        Assert.Equal((100, 50), (preview!.Width, preview.Height));
    }

    [Fact]
    public void Create_NotAnImage_ReturnsNull()
    {
        Assert.Null(_previewer.Create("hello"u8.ToArray()));
    }
}
