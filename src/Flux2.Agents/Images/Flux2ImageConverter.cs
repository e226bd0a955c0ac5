using Flux2.Client;
using SkiaSharp;

namespace Flux2.Agents;

/// <summary>
/// Re-encodes an image as PNG, JPEG or WebP with SkiaSharp, for a file whose name asks for another format than the
/// provider returned: PNG is lossless, JPEG is written at quality <see cref="JpegQuality"/> (transparency flattened onto
/// white), WebP at quality <see cref="WebpQuality"/>. The pixels, size and orientation are kept; metadata is not.
/// </summary>
public static class Flux2ImageConverter
{
    /// <summary>The JPEG quality of a conversion (0-100).</summary>
    public const int JpegQuality = 92;

    /// <summary>The WebP quality of a conversion (0-100).</summary>
    public const int WebpQuality = 90;

    /// <summary>How a conversion to <paramref name="format"/> is made, for warnings: "lossless", "quality 92" ...</summary>
    public static string Describe(string format) => Normalize(format) switch
    {
        Flux2OutputFormats.Png => "lossless",
        Flux2OutputFormats.Jpeg => $"quality {JpegQuality}",
        _ => $"quality {WebpQuality}",
    };

    /// <summary>Decodes <paramref name="image"/> and encodes it as <paramref name="format"/> (png, jpeg/jpg or webp).</summary>
    /// <exception cref="Flux2Exception">
    /// <see cref="Flux2ErrorKind.Unsupported"/> when the bytes cannot be decoded or the format is not one of the three;
    /// <see cref="Flux2ErrorKind.MissingDependency"/> when SkiaSharp's native library cannot be loaded.
    /// </exception>
    public static byte[] Convert(ReadOnlyMemory<byte> image, string format)
    {
        ArgumentNullException.ThrowIfNull(format);
        return SkiaNatives.Use($"Converting the image to {Normalize(format)}", () => ConvertCore(image, format));
    }

    private static byte[] ConvertCore(ReadOnlyMemory<byte> image, string format)
    {
        string target = Normalize(format);
        var (encodedFormat, quality) = target switch
        {
            Flux2OutputFormats.Png => (SKEncodedImageFormat.Png, 100),
            Flux2OutputFormats.Jpeg => (SKEncodedImageFormat.Jpeg, JpegQuality),
            Flux2OutputFormats.Webp => (SKEncodedImageFormat.Webp, WebpQuality),
            _ => throw new Flux2Exception(Flux2ErrorKind.Unsupported,
                $"Cannot convert an image to '{format}'; allowed: {string.Join(", ", Flux2OutputFormats.All)}.") { Parameter = "path" },
        };

        using var decoded = Decode(image) ?? throw new Flux2Exception(Flux2ErrorKind.Unsupported,
            $"The image ({ImageSniffer.ContentType(image.Span) ?? "unknown type"}) could not be decoded, so it cannot be converted to {target}; "
            + $"save it under its own extension ({ImageSniffer.Extension(ImageSniffer.ContentType(image.Span))}).")
        { Parameter = "path" };
        using var flattened = encodedFormat == SKEncodedImageFormat.Jpeg && decoded.AlphaType != SKAlphaType.Opaque ? OnWhite(decoded) : null;
        using var encoded = (flattened ?? decoded).Encode(encodedFormat, quality)
            ?? throw new Flux2Exception(Flux2ErrorKind.Unsupported, $"Could not encode the image as {target}.") { Parameter = "path" };
        return encoded.ToArray();
    }

    private static string Normalize(string format) =>
        format.Trim().ToLowerInvariant() is "jpg" ? Flux2OutputFormats.Jpeg : format.Trim().ToLowerInvariant();

    /// <summary>The decoded pixels, upright (EXIF orientation applied), or null when the bytes are not a decodable image.</summary>
    private static SKImage? Decode(ReadOnlyMemory<byte> image)
    {
        using var data = SKData.CreateCopy(image.Span);
        using var codec = SKCodec.Create(data);
        if (codec is null)
        {
            return null;
        }

        SKImageInfo full = codec.Info;
        SKAlphaType alpha = full.AlphaType == SKAlphaType.Opaque ? SKAlphaType.Opaque : SKAlphaType.Unpremul;
        var info = new SKImageInfo(full.Width, full.Height, SKColorType.Rgba8888, alpha);
        using var bitmap = new SKBitmap(info);
        if (codec.GetPixels(info, bitmap.GetPixels()) is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
        {
            return null;
        }

        if (codec.EncodedOrigin == SKEncodedOrigin.TopLeft)
        {
            return SKImage.FromBitmap(bitmap); // copies the pixels of a mutable bitmap
        }

        // The bytes may carry an EXIF rotation that a viewer applies: draw the pixels upright, since metadata is not kept.
        bool swap = codec.EncodedOrigin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var upright = new SKImageInfo(swap ? full.Height : full.Width, swap ? full.Width : full.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var surface = SKSurface.Create(upright);
        surface.Canvas.SetMatrix(Orientation(codec.EncodedOrigin, full.Width, full.Height));
        using var source = SKImage.FromBitmap(bitmap);
        surface.Canvas.DrawImage(source, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest));
        return surface.Snapshot();
    }

    private static SKMatrix Orientation(SKEncodedOrigin origin, int width, int height) => origin switch
    {
        SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, width, 0, 1, 0, 0, 0, 1),
        SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, width, 0, -1, height, 0, 0, 1),
        SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, height, 0, 0, 1),
        SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightTop => new SKMatrix(0, -1, height, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, height, -1, 0, width, 0, 0, 1),
        SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, width, 0, 0, 1),
        _ => SKMatrix.Identity,
    };

    /// <summary>JPEG has no alpha: transparent pixels become white rather than black.</summary>
    private static SKImage OnWhite(SKImage image)
    {
        using var surface = SKSurface.Create(new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        surface.Canvas.Clear(SKColors.White);
        surface.Canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest));
        return surface.Snapshot();
    }
}
