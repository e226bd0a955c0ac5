using System.Buffers;
using System.Buffers.Binary;

namespace Flux2.Client;

/// <summary>
/// Tells whether an image carries C2PA Content Credentials (a manifest store), reading only the container, as the C2PA
/// specification embeds it: in JPEG, APP11 (0xFFEB) marker segments of JPEG XT boxes (common identifier "JP") whose first
/// packet holds the JUMBF superbox; in PNG, a <c>caBX</c> chunk; in WebP, a <c>C2PA</c> RIFF chunk. The box must be a JUMBF
/// superbox (<c>jumb</c>) whose description box (<c>jumd</c>) has the C2PA manifest-store UUID or the label <c>c2pa</c>.
/// The signature and the hash binding are not validated. Truncated or malformed input answers false and never throws.
/// </summary>
public static class Flux2ContentCredentials
{
    /// <summary>At most this many JPEG segments, PNG chunks or RIFF chunks are walked.</summary>
    private const int MaxParts = 100_000;

    /// <summary>The C2PA manifest-store UUID 63327061-0011-0010-8000-00AA00389B71 ("c2pa" and the ISO suffix).</summary>
    private static ReadOnlySpan<byte> ManifestStoreUuid => [0x63, 0x32, 0x70, 0x61, 0x00, 0x11, 0x00, 0x10, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71];

    /// <summary>True when <paramref name="image"/> (JPEG, PNG or WebP bytes) embeds a C2PA manifest store.</summary>
    public static bool HasManifest(ReadOnlySpan<byte> image)
    {
        if (image.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8]))
        {
            return JpegHasManifest(image);
        }

        if (image.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return PngHasManifest(image);
        }

        return image.Length >= 12 && image.StartsWith("RIFF"u8) && image.Slice(8, 4).SequenceEqual("WEBP"u8) && WebpHasManifest(image);
    }

    /// <summary>
    /// True when the image in <paramref name="image"/> (a seekable stream: a file being saved) embeds a C2PA manifest store. Only
    /// the container's part headers and the candidate part are read, so a large file costs no more memory than its store.
    /// </summary>
    public static bool HasManifest(Stream image)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (!image.CanSeek || !image.CanRead)
        {
            throw new ArgumentException("A readable, seekable stream is needed.", nameof(image));
        }

        try
        {
            Span<byte> head = stackalloc byte[12];
            int read = ReadAt(image, 0, head);
            if (read >= 2 && head[0] == 0xFF && head[1] == 0xD8)
            {
                return JpegStreamHasManifest(image);
            }

            if (read >= 8 && head[..8].SequenceEqual((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
            {
                return ChunkStreamHasManifest(image, start: 8, "caBX"u8, littleEndian: false);
            }

            return read == 12 && head[..4].SequenceEqual("RIFF"u8) && head.Slice(8, 4).SequenceEqual("WEBP"u8)
                && ChunkStreamHasManifest(image, start: 12, "C2PA"u8, littleEndian: true);
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static bool JpegStreamHasManifest(Stream jpeg)
    {
        long at = 2;
        Span<byte> header = stackalloc byte[4];
        for (var parts = 0; parts < MaxParts && at + 4 <= jpeg.Length; parts++)
        {
            if (ReadAt(jpeg, at, header) < 4 || header[0] != 0xFF)
            {
                return false;
            }

            var marker = header[1];
            if (marker == 0xFF)
            {
                at++;
                continue;
            }

            if (marker is 0xD9 or 0xDA)
            {
                return false;
            }

            if (marker is 0x01 or (>= 0xD0 and <= 0xD7))
            {
                at += 2;
                continue;
            }

            int length = BinaryPrimitives.ReadUInt16BigEndian(header[2..]);
            if (length < 2 || at + 2 + length > jpeg.Length)
            {
                return false;
            }

            if (marker == 0xEB && length > 10 && IsFirstStorePacket(jpeg, at + 4, length - 2))
            {
                return true;
            }

            at += 2 + length;
        }

        return false;
    }

    private static bool IsFirstStorePacket(Stream jpeg, long at, int length)
    {
        byte[] payload = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            Span<byte> span = payload.AsSpan(0, length);
            return ReadAt(jpeg, at, span) == length && span.StartsWith("JP"u8)
                && BinaryPrimitives.ReadUInt32BigEndian(span[4..]) == 1 && IsManifestStore(span[8..]);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(payload);
        }
    }

    /// <summary>PNG chunks (length, type, data, CRC; big-endian) or RIFF chunks (type, size, data, pad; little-endian).</summary>
    private static bool ChunkStreamHasManifest(Stream image, long start, ReadOnlySpan<byte> wanted, bool littleEndian)
    {
        long at = start;
        Span<byte> header = stackalloc byte[8];
        for (var parts = 0; parts < MaxParts && at + 8 <= image.Length; parts++)
        {
            if (ReadAt(image, at, header) < 8)
            {
                return false;
            }

            uint size = littleEndian ? BinaryPrimitives.ReadUInt32LittleEndian(header[4..]) : BinaryPrimitives.ReadUInt32BigEndian(header);
            ReadOnlySpan<byte> type = littleEndian ? header[..4] : header[4..];
            long end = at + 8 + size + (littleEndian ? 0 : 4);
            if (size > int.MaxValue - 12 || end > image.Length)
            {
                return false;
            }

            if (type.SequenceEqual(wanted))
            {
                byte[] data = ArrayPool<byte>.Shared.Rent((int)size);
                try
                {
                    Span<byte> span = data.AsSpan(0, (int)size);
                    return ReadAt(image, at + 8, span) == size && IsManifestStore(span);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(data);
                }
            }

            if (!littleEndian && type.SequenceEqual("IEND"u8))
            {
                return false;
            }

            at = littleEndian ? end + (size & 1) : end;
        }

        return false;
    }

    private static int ReadAt(Stream stream, long position, Span<byte> buffer)
    {
        stream.Position = position;
        int total = 0;
        while (total < buffer.Length)
        {
            int read = stream.Read(buffer[total..]);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }

    private static bool JpegHasManifest(ReadOnlySpan<byte> jpeg)
    {
        var at = 2;
        for (var parts = 0; parts < MaxParts && at + 4 <= jpeg.Length; parts++)
        {
            if (jpeg[at] != 0xFF)
            {
                return false;
            }

            var marker = jpeg[at + 1];
            if (marker == 0xFF)
            {
                at++; // fill byte
                continue;
            }

            if (marker is 0xD9 or 0xDA)
            {
                return false; // end of image, or start of scan: no more metadata segments
            }

            if (marker is 0x01 or (>= 0xD0 and <= 0xD7))
            {
                at += 2; // standalone markers carry no length
                continue;
            }

            int length = BinaryPrimitives.ReadUInt16BigEndian(jpeg.Slice(at + 2));
            if (length < 2 || at + 2 + length > jpeg.Length)
            {
                return false;
            }

            // APP11 JPEG XT box: CI "JP" (2), En box instance (2), Z packet sequence (4), then the box (LBox, TBox, ...).
            var payload = jpeg.Slice(at + 4, length - 2);
            if (marker == 0xEB && payload.Length > 8 && payload.StartsWith("JP"u8)
                && BinaryPrimitives.ReadUInt32BigEndian(payload.Slice(4)) == 1 && IsManifestStore(payload.Slice(8)))
            {
                return true;
            }

            at += 2 + length;
        }

        return false;
    }

    private static bool PngHasManifest(ReadOnlySpan<byte> png)
    {
        var at = 8;
        for (var parts = 0; parts < MaxParts && at + 12 <= png.Length; parts++)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(png.Slice(at));
            var type = png.Slice(at + 4, 4);
            if (length > int.MaxValue - 12 || at + 12 + (long)length > png.Length)
            {
                return false;
            }

            if (type.SequenceEqual("caBX"u8) && IsManifestStore(png.Slice(at + 8, (int)length)))
            {
                return true;
            }

            if (type.SequenceEqual("IEND"u8))
            {
                return false;
            }

            at += 12 + (int)length;
        }

        return false;
    }

    private static bool WebpHasManifest(ReadOnlySpan<byte> webp)
    {
        var at = 12;
        for (var parts = 0; parts < MaxParts && at + 8 <= webp.Length; parts++)
        {
            var size = BinaryPrimitives.ReadUInt32LittleEndian(webp.Slice(at + 4));
            if (size > int.MaxValue - 9 || at + 8 + (long)size > webp.Length)
            {
                return false;
            }

            if (webp.Slice(at, 4).SequenceEqual("C2PA"u8) && IsManifestStore(webp.Slice(at + 8, (int)size)))
            {
                return true;
            }

            at += 8 + (int)size + (int)(size & 1); // chunks are padded to an even size
        }

        return false;
    }

    /// <summary>A JUMBF superbox whose first child is a description box naming the C2PA manifest store (by UUID or label).</summary>
    private static bool IsManifestStore(ReadOnlySpan<byte> box)
    {
        if (box.Length < 16 || !box.Slice(4, 4).SequenceEqual("jumb"u8))
        {
            return false;
        }

        var header = BinaryPrimitives.ReadUInt32BigEndian(box) == 1 ? 16 : 8; // LBox 1: an 8-byte XLBox follows TBox
        if (box.Length < header + 8 + 17 || !box.Slice(header + 4, 4).SequenceEqual("jumd"u8))
        {
            return false;
        }

        var description = box.Slice(header + 8);
        var descriptionLength = BinaryPrimitives.ReadUInt32BigEndian(box.Slice(header));
        if (descriptionLength >= 8 + 17 && descriptionLength - 8 <= description.Length)
        {
            description = description[..(int)(descriptionLength - 8)];
        }

        if (description[..16].SequenceEqual(ManifestStoreUuid))
        {
            return true;
        }

        // Toggle 0x02: a null-terminated UTF-8 label follows the toggles byte.
        var label = description[17..];
        var end = label.IndexOf((byte)0);
        return (description[16] & 0x02) != 0 && end >= 0 && label[..end].SequenceEqual("c2pa"u8);
    }
}
