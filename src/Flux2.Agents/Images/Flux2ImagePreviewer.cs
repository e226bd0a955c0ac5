using Flux2.Client;
using Microsoft.Extensions.Options;
using SkiaSharp;

namespace Flux2.Agents;

/// <summary>Makes downscaled JPEG previews within a base64 byte budget and a long-side limit.</summary>
public sealed class Flux2ImagePreviewer
{
    private const int MinSide = 32;
    private readonly Flux2ToolsOptions _options;

    /// <summary>Creates the previewer from the tool options.</summary>
    public Flux2ImagePreviewer(IOptions<Flux2ToolsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
    }

    /// <summary>The length of <paramref name="bytes"/> bytes as base64 text.</summary>
    public static int Base64Length(int bytes) => (bytes + 2) / 3 * 4;

    /// <summary>
    /// Makes a JPEG preview no longer than <paramref name="maxLongSide"/> pixels on its long side whose base64 text fits
    /// <paramref name="maxBase64Bytes"/> (defaults from the options); null when the image cannot be decoded or nothing fits.
    /// A JPEG that already fits both budgets is its own preview (no decode, no re-encode: most providers return JPEG).
    /// </summary>
    /// <exception cref="Flux2Exception"><see cref="Flux2ErrorKind.MissingDependency"/> when SkiaSharp's native library cannot be loaded.</exception>
    public Flux2ImagePreview? Create(ReadOnlyMemory<byte> image, int? maxBase64Bytes = null, int? maxLongSide = null) =>
        SkiaNatives.Use("Making a preview", () => CreateCore(image, maxBase64Bytes, maxLongSide));

    private Flux2ImagePreview? CreateCore(ReadOnlyMemory<byte> image, int? maxBase64Bytes, int? maxLongSide)
    {
        int budget = maxBase64Bytes ?? _options.PreviewMaxBase64Bytes;
        int longSide = maxLongSide ?? _options.PreviewMaxLongSide;
        if (budget <= 0 || longSide <= 0)
        {
            return null;
        }

        using var data = SKData.CreateCopy(image.Span);
        using var codec = SKCodec.Create(data);
        if (codec is null)
        {
            return null;
        }

        SKImageInfo original = codec.Info;
        if (codec.EncodedFormat == SKEncodedImageFormat.Jpeg && codec.EncodedOrigin == SKEncodedOrigin.TopLeft
            && Math.Max(original.Width, original.Height) <= longSide && Base64Length(image.Length) <= budget)
        {
            return new Flux2ImagePreview(image.ToArray(), original.Width, original.Height);
        }

        double scale = Math.Min(1d, longSide / (double)Math.Max(original.Width, original.Height));
        using SKImage? source = Decode(codec, scale);
        if (source is null)
        {
            return null;
        }

        int quality = 85;
        while (true)
        {
            int width = Math.Max(1, (int)Math.Round(original.Width * scale));
            int height = Math.Max(1, (int)Math.Round(original.Height * scale));
            byte[] jpeg = Encode(source, width, height, quality);
            if (Base64Length(jpeg.Length) <= budget)
            {
                return new Flux2ImagePreview(jpeg, width, height);
            }

            if (quality > 55)
            {
                quality -= 15;
            }
            else if (Math.Min(width, height) * 0.75 >= MinSide)
            {
                scale *= 0.75;
            }
            else
            {
                return null;
            }
        }
    }

    /// <summary>
    /// Decodes at the smallest size the codec can produce directly that is still at least the target size (JPEG decodes
    /// in eighths through DCT scaling), so a large image is never decoded in full just to be shrunk.
    /// </summary>
    private static SKImage? Decode(SKCodec codec, double scale)
    {
        SKImageInfo full = codec.Info;
        SKSizeI size = new(full.Width, full.Height);
        if (scale < 1d)
        {
            SKSizeI scaled = codec.GetScaledDimensions((float)scale);
            if (scaled.Width >= full.Width * scale && scaled.Height >= full.Height * scale)
            {
                size = scaled;
            }
        }

        SKAlphaType alpha = full.AlphaType == SKAlphaType.Opaque ? SKAlphaType.Opaque : SKAlphaType.Premul;
        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, alpha);
        using var bitmap = new SKBitmap(info);
        SKCodecResult result = codec.GetPixels(info, bitmap.GetPixels());
        return result is SKCodecResult.Success or SKCodecResult.IncompleteInput
            ? SKImage.FromBitmap(bitmap) // copies the pixels of a mutable bitmap, so the bitmap can go
            : null;
    }

    /// <summary>Bilinear is sharp enough down to half size (decoding already scaled larger steps); mipmaps below that avoid aliasing.</summary>
    private static SKSamplingOptions Sampling(int sourceWidth, int width) =>
        width * 2 >= sourceWidth ? new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.None) : new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear);

    private static byte[] Encode(SKImage source, int width, int height, int quality)
    {
        if (source.Width == width && source.Height == height && source.AlphaType == SKAlphaType.Opaque)
        {
            // Nothing to resize or flatten: encode the decoded pixels as they are.
            using var direct = source.Encode(SKEncodedImageFormat.Jpeg, quality);
            return direct.ToArray();
        }

        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var surface = SKSurface.Create(info);
        var canvas = surface.Canvas;

        // JPEG has no alpha: flatten onto white rather than black.
        canvas.Clear(SKColors.White);
        canvas.DrawImage(source, new SKRect(0, 0, width, height), Sampling(source.Width, width));
        canvas.Flush();
        using var snapshot = surface.Snapshot();
        using var encoded = snapshot.Encode(SKEncodedImageFormat.Jpeg, quality);
        return encoded.ToArray();
    }
}
