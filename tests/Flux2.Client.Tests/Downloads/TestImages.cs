using System.Buffers.Binary;

namespace Flux2.Client.Tests.Downloads;

/// <summary>Tiny real images (7x5, encoded by Skia) and hand-made headers for the sniffer.</summary>
internal static class TestImages
{
    public const int Width = 7;
    public const int Height = 5;

    public static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAcAAAAFCAYAAACJmvbYAAAABHNCSVQICAgIfAhkiAAAABtJREFUCJljZGBo+C/HwMCADbMwaDDgBDSSBABgpALlJWTGtgAAAABJRU5ErkJggg==");

    public static readonly byte[] Jpeg = Convert.FromBase64String(
        "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAMCAgMCAgMDAwMEAwMEBQgFBQQEBQoHBwYIDAoMDAsKCwsNDhIQDQ4RDgsLEBYQERMUFRUVDA8XGBYUGBIUFRT/2wBDAQMEBAUEBQkFBQkUDQsNFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBT/wAARCAAFAAcDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAb/xAAdEAABAgcAAAAAAAAAAAAAAAAAAQIGBwgTIkJS/8QAFAEBAAAAAAAAAAAAAAAAAAAABP/EAB4RAAECBwEAAAAAAAAAAAAAAAUAAgEDBAYUFSOR/9oADAMBAAIRAxEAPwCNlpT/AA5abhrwgACEC1dkO6xSrOOEtNJ7u9X/2Q==");

    public static readonly byte[] WebpLossy = Convert.FromBase64String(
        "UklGRlwAAABXRUJQVlA4IFAAAAAwAgCdASoHAAUAAMASJagCdEyAfoAB2TalsAD+/sHcvOYx83RauaDVcWfrKg8vukX44p19vu3bU/8Yv3jV7v/9Ca/0e///h5/8U8HifYAAAA==");

    public static readonly byte[] WebpLossless = Convert.FromBase64String(
        "UklGRkoAAABXRUJQVlA4TD4AAAAvBgABABdBkG0znGLd3+QG4zGA81+FDACwfAdgEABg2dhsW2dE/wNQ5cu8IdOhrgdxE9t+sbCpn49Il8f1Aw==");

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
        var stream = new MemoryStream();
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
}
