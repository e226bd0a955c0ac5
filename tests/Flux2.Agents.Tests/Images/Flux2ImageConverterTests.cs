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
    public void Convert_OfAJpegWithAnExifRotation_WritesThePixelsUpright()
    {
        // 40x20, left half red, right half blue, tagged "rotate 90 degrees clockwise to display" (EXIF orientation 6).
        using var bitmap = new SKBitmap(new SKImageInfo(40, 20, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.DrawRect(new SKRect(0, 0, 20, 20), new SKPaint { Color = SKColors.Red });
            canvas.DrawRect(new SKRect(20, 0, 40, 20), new SKPaint { Color = SKColors.Blue });
        }

        using var encoded = SKImage.FromBitmap(bitmap).Encode(SKEncodedImageFormat.Jpeg, 95);
        byte[] jpeg = encoded.ToArray();
        byte[] exif = [0xFF, 0xE1, 0x00, 0x22, .. "Exif\0\0"u8, .. "MM"u8, 0x00, 0x2A, 0x00, 0x00, 0x00, 0x08,
            0x00, 0x01, 0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, 0x06, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00];
        byte[] rotated = [.. jpeg[..2], .. exif, .. jpeg[2..]];

        byte[] png = Flux2ImageConverter.Convert(rotated, "png");

        using var upright = SKBitmap.Decode(png);
        Assert.Equal((20, 40), (upright.Width, upright.Height));
        Assert.True(upright.GetPixel(10, 5).Red > 200 && upright.GetPixel(10, 5).Blue < 60, "the left (red) half is on top once upright");
        Assert.True(upright.GetPixel(10, 35).Blue > 200 && upright.GetPixel(10, 35).Red < 60, "the right (blue) half is at the bottom");
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
