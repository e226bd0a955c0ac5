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
        int base64 = Base64Of(preview.Data);
        Assert.True(base64 <= 750_000, $"{base64} bytes of base64");
        Assert.Equal(base64, preview.Base64Length);
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
        Assert.True(Base64Of(preview.Data) <= 20_000, $"{Base64Of(preview.Data)} bytes of base64");
        Assert.InRange(preview.Width / (double)preview.Height, 1.30, 1.37);
    }

    [Fact]
    public void Create_SmallImage_IsNotUpscaled()
    {
        var preview = _previewer.Create(TestImages.Noise(100, 50));

        Assert.Equal((100, 50), (preview!.Width, preview.Height));
    }

    [Fact]
    public void Create_JpegWithinTheBudgets_IsItsOwnPreview()
    {
        byte[] jpeg = TestImages.Noise(640, 480, SKEncodedImageFormat.Jpeg);
        Assert.True(Base64Of(jpeg) <= 750_000);

        var preview = _previewer.Create(jpeg);

        Assert.NotNull(preview);
        Assert.Equal((640, 480), (preview.Width, preview.Height));
        Assert.Equal(jpeg, preview.Data.ToArray());
    }

    [Fact]
    public void Create_LargeJpeg_IsDownscaledToTheLongSide()
    {
        byte[] jpeg = TestImages.Noise(2048, 1024, SKEncodedImageFormat.Jpeg);

        var preview = _previewer.Create(jpeg, maxLongSide: 700);

        Assert.NotNull(preview);
        Assert.Equal((700, 350), (preview.Width, preview.Height));
        using var decoded = SKBitmap.Decode(preview.Data.ToArray());
        Assert.Equal((700, 350), (decoded.Width, decoded.Height));
    }

    [Fact]
    public void Create_JpegOverTheByteBudget_IsReencodedToFit()
    {
        byte[] jpeg = TestImages.Noise(1024, 1024, SKEncodedImageFormat.Jpeg);

        var preview = _previewer.Create(jpeg, maxBase64Bytes: 60_000);

        Assert.NotNull(preview);
        Assert.True(Base64Of(preview.Data) <= 60_000, $"{Base64Of(preview.Data)} bytes of base64");
        Assert.NotEqual(jpeg, preview.Data.ToArray());
    }

    [Fact]
    public void Create_NotAnImage_ReturnsNull()
    {
        Assert.Null(_previewer.Create("hello"u8.ToArray()));
    }

    /// <summary>How long the image is as base64 (what an MCP client receives), measured by encoding it.</summary>
    private static int Base64Of(ReadOnlyMemory<byte> data) => Convert.ToBase64String(data.Span).Length;
}
