using Flux2.Client;
using SkiaSharp;

namespace Flux2.Agents.Tests.Images;

public sealed class Flux2ImageConverterTests
{
    [Theory]
    [InlineData("png", SKEncodedImageFormat.Png)]
    [InlineData("jpeg", SKEncodedImageFormat.Jpeg)]
    [InlineData("jpg", SKEncodedImageFormat.Jpeg)]
    [InlineData("webp", SKEncodedImageFormat.Webp)]
    public void Convert_WritesTheAskedFormatAtTheSameSize(string format, SKEncodedImageFormat expected)
    {
        byte[] source = TestImages.Noise(40, 30, SKEncodedImageFormat.Jpeg);

        byte[] converted = Flux2ImageConverter.Convert(source, format);

        using var codec = SKCodec.Create(new MemoryStream(converted));
        Assert.Equal(expected, codec.EncodedFormat);
        Assert.Equal((40, 30), (codec.Info.Width, codec.Info.Height));
    }

    [Fact]
    public void Convert_ToPng_KeepsEveryPixel()
    {
        byte[] jpeg = TestImages.Noise(32, 24, SKEncodedImageFormat.Jpeg);

        byte[] png = Flux2ImageConverter.Convert(jpeg, "png");

        Assert.Equal(Pixels(jpeg), Pixels(png));
    }

    [Fact]
    public void Convert_ToJpeg_PutsTransparencyOnWhite()
    {
        using var bitmap = new SKBitmap(new SKImageInfo(8, 8, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        bitmap.Erase(SKColors.Transparent);
        using var image = SKImage.FromBitmap(bitmap);
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);

        byte[] jpeg = Flux2ImageConverter.Convert(png.ToArray(), "jpeg");

        using var decoded = SKBitmap.Decode(jpeg);
        var pixel = decoded.GetPixel(4, 4);
        Assert.True(pixel.Red > 245 && pixel.Green > 245 && pixel.Blue > 245, $"expected white, got {pixel}");
    }

    [Fact]
    public void Convert_OfBytesThatAreNoImage_FailsAsUnsupported()
    {
        var error = Assert.Throws<Flux2Exception>(() => Flux2ImageConverter.Convert("<html>oops</html>"u8.ToArray(), "png"));

        Assert.Equal(Flux2ErrorKind.Unsupported, error.Kind);
    }

    private static byte[] Pixels(byte[] encoded)
    {
        using var bitmap = SKBitmap.Decode(encoded);
        using var rgba = new SKBitmap(new SKImageInfo(bitmap.Width, bitmap.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        Assert.True(bitmap.CopyTo(rgba, SKColorType.Rgba8888));
        return rgba.Bytes;
    }
}
