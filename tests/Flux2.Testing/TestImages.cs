using System.Buffers.Binary;
using System.Runtime.InteropServices;
using SkiaSharp;

namespace Flux2.Testing;

/// <summary>Real encoded images for tests (tiny ones encoded by Skia, noisy ones made on demand) and hand-made headers for sniffers.</summary>
public static class TestImages
{
    /// <summary>The width of <see cref="Png"/>, <see cref="Jpeg"/>, <see cref="WebpLossy"/> and <see cref="WebpLossless"/>.</summary>
    public const int Width = 7;

    /// <summary>The height of <see cref="Png"/>, <see cref="Jpeg"/>, <see cref="WebpLossy"/> and <see cref="WebpLossless"/>.</summary>
    public const int Height = 5;

    /// <summary>The eight bytes every PNG file starts with.</summary>
    public static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>A 7x5 PNG.</summary>
    public static byte[] Png => Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAcAAAAFCAYAAACJmvbYAAAABHNCSVQICAgIfAhkiAAAABtJREFUCJljZGBo+C/HwMCADbMwaDDgBDSSBABgpALlJWTGtgAAAABJRU5ErkJggg==");

    /// <summary>A 7x5 JPEG.</summary>
    public static byte[] Jpeg => Convert.FromBase64String(
        "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAMCAgMCAgMDAwMEAwMEBQgFBQQEBQoHBwYIDAoMDAsKCwsNDhIQDQ4RDgsLEBYQERMUFRUVDA8XGBYUGBIUFRT/2wBDAQMEBAUEBQkFBQkUDQsNFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBT/wAARCAAFAAcDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAb/xAAdEAABAgcAAAAAAAAAAAAAAAAAAQIGBwgTIkJS/8QAFAEBAAAAAAAAAAAAAAAAAAAABP/EAB4RAAECBwEAAAAAAAAAAAAAAAUAAgEDBAYUFSOR/9oADAMBAAIRAxEAPwCNlpT/AA5abhrwgACEC1dkO6xSrOOEtNJ7u9X/2Q==");

    /// <summary>A 7x5 lossy WebP (VP8).</summary>
    public static byte[] WebpLossy => Convert.FromBase64String(
        "UklGRlwAAABXRUJQVlA4IFAAAAAwAgCdASoHAAUAAMASJagCdEyAfoAB2TalsAD+/sHcvOYx83RauaDVcWfrKg8vukX44p19vu3bU/8Yv3jV7v/9Ca/0e///h5/8U8HifYAAAA==");

    /// <summary>A 7x5 lossless WebP (VP8L).</summary>
    public static byte[] WebpLossless => Convert.FromBase64String(
        "UklGRkoAAABXRUJQVlA4TD4AAAAvBgABABdBkG0znGLd3+QG4zGA81+FDACwfAdgEABg2dhsW2dE/wNQ5cu8IdOhrgdxE9t+sbCpn49Il8f1Aw==");

    /// <summary>A noisy image (hard to compress, like a detailed photo) of the given size and format; the same seed gives the same bytes.</summary>
    public static byte[] Noise(int width, int height, SKEncodedImageFormat format = SKEncodedImageFormat.Png, int seed = 1)
    {
        var random = new Random(seed);
        using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        var pixels = new byte[width * height * 4];
        random.NextBytes(pixels);
        for (int i = 3; i < pixels.Length; i += 4)
        {
            pixels[i] = 255;
        }

        Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 90);
        return data.ToArray();
    }

    /// <summary>A GIF89a of <paramref name="width"/> x <paramref name="height"/> (one colour, header and trailer only).</summary>
    public static byte[] Gif(int width, int height)
    {
        var bytes = new List<byte>("GIF89a"u8.ToArray());
        bytes.AddRange([(byte)width, (byte)(width >> 8), (byte)height, (byte)(height >> 8), 0x80, 0, 0]);
        bytes.AddRange([0, 0, 0, 0xFF, 0xFF, 0xFF]); // Global colour table, 2 entries.
        bytes.AddRange([0x2C, 0, 0, 0, 0, (byte)width, (byte)(width >> 8), (byte)height, (byte)(height >> 8), 0]);
        bytes.AddRange([0x02, 0x02, 0x44, 0x01, 0x00, 0x3B]);
        return [.. bytes];
    }

    /// <summary>A WebP extended-format (VP8X) header announcing a <paramref name="width"/> x <paramref name="height"/> canvas.</summary>
    public static byte[] WebpExtended(int width, int height)
    {
        var bytes = new byte[30];
        "RIFF"u8.CopyTo(bytes);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), 22);
        "WEBPVP8X"u8.CopyTo(bytes.AsSpan(8));
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(16), 10);
        bytes[20] = 0x10; // Alpha flag.
        WriteUInt24(bytes.AsSpan(24), width - 1);
        WriteUInt24(bytes.AsSpan(27), height - 1);
        return bytes;

        static void WriteUInt24(Span<byte> span, int value)
        {
            span[0] = (byte)value;
            span[1] = (byte)(value >> 8);
            span[2] = (byte)(value >> 16);
        }
    }

    /// <summary>A JPEG whose frame header comes after a large APP1 segment and a stand-alone marker.</summary>
    public static byte[] JpegWithLargeExif(int width, int height)
    {
        using var stream = new MemoryStream();
        stream.Write([0xFF, 0xD8]);
        stream.Write([0xFF, 0xE1, 0xFF, 0xF0]); // APP1, length 65520.
        stream.Write(new byte[65518]);
        stream.Write([0xFF, 0xFF, 0xC2, 0x00, 0x11, 0x08, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, 0x03]);
        stream.Write(new byte[9]);
        stream.Write([0xFF, 0xD9]);
        return stream.ToArray();
    }

    /// <summary>The header of an AVIF file (ftyp box with the avif brand).</summary>
    public static byte[] AvifHeader() =>
        [0, 0, 0, 0x1C, .. "ftypavif"u8, 0, 0, 0, 0, .. "avifmif1miaf"u8, 0, 0, 0, 0];

    /// <summary>A PNG signature and IHDR announcing <paramref name="width"/> x <paramref name="height"/>, then <paramref name="padding"/> zero bytes.</summary>
    public static byte[] PngHeader(int width, int height, int padding = 0)
    {
        var bytes = new byte[33 + padding];
        Png.AsSpan(0, 33).CopyTo(bytes);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(16), width);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(20), height);
        return bytes;
    }

    /// <summary>What the bytes are by their magic numbers: "png", "jpeg", "webp", "gif", or "other".</summary>
    public static string FormatOf(ReadOnlySpan<byte> head) => head switch
    {
        [0x89, 0x50, 0x4E, 0x47, ..] => "png",
        [0xFF, 0xD8, 0xFF, ..] => "jpeg",
        [(byte)'R', (byte)'I', (byte)'F', (byte)'F', _, _, _, _, (byte)'W', (byte)'E', (byte)'B', (byte)'P', ..] => "webp",
        [(byte)'G', (byte)'I', (byte)'F', (byte)'8', ..] => "gif",
        _ => "other",
    };

    /// <summary>What the file is by its magic numbers: "png", "jpeg", "webp", "gif", or "other".</summary>
    public static string FormatOf(string path)
    {
        byte[] head = new byte[12];
        int read;
        using (var stream = File.OpenRead(path))
        {
            read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }

        return FormatOf(head.AsSpan(0, read));
    }

    /// <summary>True when the file starts with the PNG signature.</summary>
    public static bool IsPng(string path) => FormatOf(path) == "png";
}
