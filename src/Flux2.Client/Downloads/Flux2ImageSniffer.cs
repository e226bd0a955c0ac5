using System.Buffers.Binary;

namespace Flux2.Client;

/// <summary>
/// Recognises images by their magic bytes (PNG, JPEG, WebP, GIF, AVIF/HEIF) and reads their width and height from
/// the header (PNG IHDR, JPEG SOFn, WebP VP8/VP8L/VP8X, GIF screen descriptor), without decoding them.
/// </summary>
internal static class Flux2ImageSniffer
{
    /// <summary>Bytes needed from the start of a file to recognise its format.</summary>
    public const int SniffLength = 32;

    /// <summary>Largest number of JPEG segments walked looking for the frame header.</summary>
    private const int MaxJpegSegments = 4096;

    /// <summary>Recognises the format of a file from its first bytes (at least <see cref="SniffLength"/> when the file is that long).</summary>
    public static Flux2ImageFormat? Identify(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return Flux2ImageFormat.Png;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return Flux2ImageFormat.Jpeg;
        }

        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8))
        {
            return Flux2ImageFormat.Gif;
        }

        if (head.Length >= 16 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8) && head[12..15].SequenceEqual("VP8"u8))
        {
            return Flux2ImageFormat.Webp;
        }

        if (head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8))
        {
            var brand = head[8..12];
            if (brand.SequenceEqual("avif"u8) || brand.SequenceEqual("avis"u8))
            {
                return Flux2ImageFormat.Avif;
            }

            if (brand.SequenceEqual("heic"u8) || brand.SequenceEqual("heix"u8) || brand.SequenceEqual("heim"u8)
                || brand.SequenceEqual("heis"u8) || brand.SequenceEqual("mif1"u8) || brand.SequenceEqual("msf1"u8))
            {
                return Flux2ImageFormat.Heif;
            }
        }

        return null;
    }

    /// <summary>Reads width and height from a seekable stream positioned anywhere; null when the header cannot be read.</summary>
    public static (int Width, int Height)? ReadDimensions(Stream stream, Flux2ImageFormat format)
    {
        ArgumentNullException.ThrowIfNull(stream);
        stream.Position = 0;
        Span<byte> head = stackalloc byte[30];
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        head = head[..read];
        if (ReferenceEquals(format, Flux2ImageFormat.Png))
        {
            // Signature (8), IHDR length (4), "IHDR" (4), width (4), height (4).
            return head.Length >= 24 && head[12..16].SequenceEqual("IHDR"u8)
                ? Positive(BinaryPrimitives.ReadInt32BigEndian(head[16..]), BinaryPrimitives.ReadInt32BigEndian(head[20..]))
                : null;
        }

        if (ReferenceEquals(format, Flux2ImageFormat.Gif))
        {
            return head.Length >= 10
                ? Positive(BinaryPrimitives.ReadUInt16LittleEndian(head[6..]), BinaryPrimitives.ReadUInt16LittleEndian(head[8..]))
                : null;
        }

        if (ReferenceEquals(format, Flux2ImageFormat.Webp))
        {
            return ReadWebp(head);
        }

        if (ReferenceEquals(format, Flux2ImageFormat.Jpeg))
        {
            return ReadJpeg(stream);
        }

        return null;
    }

    private static (int, int)? ReadWebp(ReadOnlySpan<byte> head)
    {
        if (head.Length < 30)
        {
            return null;
        }

        var chunk = head[12..16];
        if (chunk.SequenceEqual("VP8 "u8))
        {
            // Chunk payload at 20: frame tag (3), start code 9D 01 2A (3), width (2, 14 bits), height (2, 14 bits).
            return head[23] == 0x9D && head[24] == 0x01 && head[25] == 0x2A
                ? Positive(BinaryPrimitives.ReadUInt16LittleEndian(head[26..]) & 0x3FFF, BinaryPrimitives.ReadUInt16LittleEndian(head[28..]) & 0x3FFF)
                : null;
        }

        if (chunk.SequenceEqual("VP8L"u8))
        {
            // Payload at 20: signature 0x2F, then 14 bits width-1 and 14 bits height-1, little-endian.
            if (head[20] != 0x2F)
            {
                return null;
            }

            var bits = BinaryPrimitives.ReadUInt32LittleEndian(head[21..]);
            return Positive((int)(bits & 0x3FFF) + 1, (int)((bits >> 14) & 0x3FFF) + 1);
        }

        if (chunk.SequenceEqual("VP8X"u8))
        {
            // Payload at 20: flags (4), canvas width-1 (3 bytes LE), canvas height-1 (3 bytes LE).
            var width = (head[24] | (head[25] << 8) | (head[26] << 16)) + 1;
            var height = (head[27] | (head[28] << 8) | (head[29] << 16)) + 1;
            return Positive(width, height);
        }

        return null;
    }

    private static (int, int)? ReadJpeg(Stream stream)
    {
        Span<byte> buffer = stackalloc byte[9];
        stream.Position = 2;
        for (var segments = 0; segments < MaxJpegSegments; segments++)
        {
            // The next marker follows at once: 0xFF, any fill 0xFF bytes, then the marker code. Anything else is not
            // a well-formed header, and scanning for a marker through the body would read it byte by byte.
            if (stream.ReadByte() != 0xFF)
            {
                return null;
            }

            int b;
            do
            {
                b = stream.ReadByte();
            }
            while (b == 0xFF);

            if (b < 0)
            {
                return null;
            }

            var marker = b;
            if (marker is 0x01 or (>= 0xD0 and <= 0xD7))
            {
                continue; // Stand-alone markers carry no length.
            }

            if (marker is 0xD9 or 0xDA)
            {
                return null; // End of image or start of scan before any frame header.
            }

            if (stream.ReadAtLeast(buffer[..2], 2, throwOnEndOfStream: false) < 2)
            {
                return null;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(buffer);
            if (length < 2)
            {
                return null;
            }

            var isFrame = marker is >= 0xC0 and <= 0xCF and not (0xC4 or 0xC8 or 0xCC);
            if (isFrame)
            {
                // Precision (1), height (2), width (2).
                if (length < 7 || stream.ReadAtLeast(buffer[..5], 5, throwOnEndOfStream: false) < 5)
                {
                    return null;
                }

                return Positive(BinaryPrimitives.ReadUInt16BigEndian(buffer[3..]), BinaryPrimitives.ReadUInt16BigEndian(buffer[1..]));
            }

            stream.Seek(length - 2, SeekOrigin.Current);
        }

        return null;
    }

    private static (int, int)? Positive(int width, int height) => width > 0 && height > 0 ? (width, height) : null;
}
