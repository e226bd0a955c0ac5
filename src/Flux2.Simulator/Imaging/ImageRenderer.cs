using System.Security.Cryptography;
using System.Text;
using SkiaSharp;

namespace Flux2.Simulator.Imaging;

/// <summary>Draws deterministic abstract images (gradient and shapes derived from a hash of prompt and seed) and encodes them.</summary>
internal static class ImageRenderer
{
    /// <summary>Renders and encodes the image described by <paramref name="key"/>.</summary>
    public static RenderedImage Render(ImageKey key)
    {
        var info = new SKImageInfo(key.Width, key.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var surface = SKSurface.Create(info) ?? throw new InvalidOperationException($"Cannot allocate a {key.Width}x{key.Height} surface.");
        var canvas = surface.Canvas;
        if (key.Blank)
        {
            canvas.Clear(SKColors.Black);
        }
        else
        {
            Draw(canvas, key);
        }

        canvas.Flush();
        using var pixmap = surface.PeekPixels();
        using var data = key.Format switch
        {
            SimImageFormat.Jpeg => pixmap.Encode(new SKJpegEncoderOptions(85)),
            SimImageFormat.Webp => pixmap.Encode(new SKWebpEncoderOptions(SKWebpEncoderCompression.Lossy, 75)),
            _ => pixmap.Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.Sub, 1)),
        } ?? throw new InvalidOperationException($"SkiaSharp could not encode {key.Format}.");
        return new RenderedImage(data.ToArray(), SimImageFormats.ContentType(key.Format), key.Width, key.Height);
    }

    private static void Draw(SKCanvas canvas, ImageKey key)
    {
        Span<byte> hash = stackalloc byte[64];
        var text = Encoding.UTF8.GetBytes($"{key.Prompt}\n{key.Seed}");
        SHA512.HashData(text, hash);
        float w = key.Width;
        float h = key.Height;

        using (var background = new SKPaint())
        {
            background.IsAntialias = false;
            background.Shader = SKShader.CreateLinearGradient(
                new SKPoint(w * hash[0] / 255f, 0),
                new SKPoint(w * hash[1] / 255f, h),
                [Color(hash, 2), Color(hash, 5), Color(hash, 8)],
                null,
                SKShaderTileMode.Clamp);
            canvas.DrawRect(0, 0, w, h, background);
        }

        using var paint = new SKPaint { IsAntialias = true };
        var unit = Math.Min(w, h);
        for (var i = 0; i < 6; i++)
        {
            var o = 11 + (i * 8);
            var color = Color(hash, o).WithAlpha((byte)(120 + (hash[o + 3] % 120)));
            paint.Color = color;
            var x = w * hash[o + 4] / 255f;
            var y = h * hash[o + 5] / 255f;
            var size = unit * (0.08f + (hash[o + 6] / 255f * 0.3f));
            if (hash[o + 7] % 2 == 0)
            {
                canvas.DrawCircle(x, y, size, paint);
            }
            else
            {
                canvas.DrawRect(x - size, y - (size / 2), size * 2, size, paint);
            }
        }
    }

    private static SKColor Color(ReadOnlySpan<byte> hash, int offset) => new(hash[offset], hash[offset + 1], hash[offset + 2]);
}
