using System.Security.Cryptography;
using System.Text;
using Flux2.Simulator.Imaging.ContentCredentials;
using SkiaSharp;

namespace Flux2.Simulator.Imaging;

/// <summary>
/// Draws deterministic abstract images (colours and shapes derived from a hash of prompt and seed) and encodes them; PNGs
/// above 2048 x 2048 pixels skip the raster (<see cref="FlatPngWriter"/>), and images whose key asks for Content Credentials
/// carry a C2PA manifest store.
/// </summary>
internal static class ImageRenderer
{
    /// <summary>Above this many pixels a PNG is written flat, without Skia.</summary>
    private const long FlatPngAbove = 2048L * 2048;

    /// <summary>Renders and encodes the image described by <paramref name="key"/>.</summary>
    public static RenderedImage Render(ImageKey key)
    {
        var bytes = key.Format == SimImageFormat.Png && (long)key.Width * key.Height > FlatPngAbove ? RenderFlatPng(key) : RenderWithSkia(key);
        if (key.ContentCredentials)
        {
            bytes = C2paEmbedder.Embed(bytes, key.Format, key.Width, key.Height, $"{key.Prompt}\n{key.Seed}\n{key.Width}x{key.Height}");
        }

        return new RenderedImage(bytes, SimImageFormats.ContentType(key.Format), key.Width, key.Height);
    }

    private static byte[] RenderWithSkia(ImageKey key)
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
            SimImageFormat.Webp => pixmap.Encode(new SKWebpEncoderOptions(SKWebpEncoderCompression.Lossless, 0)),
            _ => pixmap.Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.Up, 1)),
        } ?? throw new InvalidOperationException($"SkiaSharp could not encode {key.Format}.");
        return data.ToArray();
    }

    /// <summary>The same background and seven shapes as <see cref="Draw"/>, circles as their bounding squares, written as an indexed PNG.</summary>
    private static byte[] RenderFlatPng(ImageKey key)
    {
        if (key.Blank)
        {
            return FlatPngWriter.Write(key.Width, key.Height, [(0, 0, 0)], []);
        }

        Span<byte> hash = stackalloc byte[64];
        SHA512.HashData(Encoding.UTF8.GetBytes($"{key.Prompt}\n{key.Seed}"), hash);
        var palette = new List<(byte, byte, byte)> { (hash[0], hash[1], hash[2]) };
        var rectangles = new List<(int, int, int, int)>();
        float w = key.Width;
        float h = key.Height;
        var unit = Math.Min(w, h);
        for (var i = 0; i < 7; i++)
        {
            var o = 3 + (i * 8);
            palette.Add((hash[o], hash[o + 1], hash[o + 2]));
            var x = w * hash[o + 3] / 255f;
            var y = h * hash[o + 4] / 255f;
            var size = unit * (0.08f + (hash[o + 5] / 255f * 0.3f));
            var half = hash[o + 6] % 3 == 0 ? size : size * (0.3f + (hash[o + 7] / 255f * 1.5f)) / 2;
            rectangles.Add((Clamp(x - size, key.Width), Clamp(y - half, key.Height), Clamp(x + size, key.Width), Clamp(y + half, key.Height)));
        }

        return FlatPngWriter.Write(key.Width, key.Height, palette, rectangles);
    }

    private static int Clamp(float value, int limit) => Math.Clamp((int)value, 0, limit);

    // Flat, unantialiased shapes on a solid background: visibly different per seed, yet about five times cheaper
    // to encode than gradients (long runs compress fast), which keeps many parallel distinct jobs off the CPU limit.
    private static void Draw(SKCanvas canvas, ImageKey key)
    {
        Span<byte> hash = stackalloc byte[64];
        var text = Encoding.UTF8.GetBytes($"{key.Prompt}\n{key.Seed}");
        SHA512.HashData(text, hash);
        float w = key.Width;
        float h = key.Height;
        canvas.Clear(Color(hash, 0));

        using var paint = new SKPaint { IsAntialias = false };
        var unit = Math.Min(w, h);
        for (var i = 0; i < 7; i++)
        {
            var o = 3 + (i * 8);
            paint.Color = Color(hash, o);
            var x = w * hash[o + 3] / 255f;
            var y = h * hash[o + 4] / 255f;
            var size = unit * (0.08f + (hash[o + 5] / 255f * 0.3f));
            if (hash[o + 6] % 3 == 0)
            {
                canvas.DrawCircle(x, y, size, paint);
            }
            else
            {
                var aspect = 0.3f + (hash[o + 7] / 255f * 1.5f);
                canvas.DrawRect(x - size, y - (size * aspect / 2), size * 2, size * aspect, paint);
            }
        }
    }

    private static SKColor Color(ReadOnlySpan<byte> hash, int offset) => new(hash[offset], hash[offset + 1], hash[offset + 2]);
}
