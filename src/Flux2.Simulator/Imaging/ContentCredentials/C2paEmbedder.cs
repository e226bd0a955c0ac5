using System.Buffers.Binary;
using System.IO.Hashing;
using System.Security.Cryptography;
using System.Text;

namespace Flux2.Simulator.Imaging.ContentCredentials;

/// <summary>
/// Embeds a C2PA manifest store into an encoded image where the C2PA specification puts it: JPEG APP11 (0xFFEB) marker
/// segments carrying JUMBF (common identifier "JP", box instance number, packet sequence number from 1, LBox/TBox repeated
/// in every continuation segment), a PNG <c>caBX</c> chunk before the image data, a WebP <c>C2PA</c> RIFF chunk (the file
/// becomes the extended VP8X format). The store's data hash covers every byte outside the store.
/// </summary>
internal static class C2paEmbedder
{
    private const int MaxJpegSegmentData = 65535 - 2 - 8;

    /// <summary>Returns <paramref name="image"/> with a manifest store for <paramref name="identity"/> embedded.</summary>
    public static byte[] Embed(byte[] image, SimImageFormat format, int width, int height, string identity)
    {
        Func<byte[], Placement> place = format switch
        {
            SimImageFormat.Jpeg => store => PlaceInJpeg(image, store),
            SimImageFormat.Png => store => PlaceInPng(image, store),
            _ => store => PlaceInWebp(image, store, width, height),
        };

        // The exclusion's start and length are written inside the store, so settle them first (CBOR integers vary in size),
        // then hash the bytes outside the exclusion and write the final store, whose size no longer changes.
        Span<byte> hash = stackalloc byte[32];
        long start = 0, length = 0;
        Placement placed;
        while (true)
        {
            placed = place(C2paManifestStore.Build(identity, start, length, hash));
            if (placed.Start == start && placed.Length == length)
            {
                break;
            }

            (start, length) = (placed.Start, placed.Length);
        }

        using (var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
        {
            sha.AppendData(placed.File, 0, (int)start);
            sha.AppendData(placed.File, (int)(start + length), placed.File.Length - (int)(start + length));
            sha.GetHashAndReset(hash);
        }

        var final = place(C2paManifestStore.Build(identity, start, length, hash));
        return final.Start == start && final.Length == length
            ? final.File
            : throw new InvalidOperationException("The C2PA manifest changed size once its hash was written.");
    }

    /// <summary>After SOI (and the JFIF APP0 segment, which must come first), one APP11 segment per packet.</summary>
    private static Placement PlaceInJpeg(byte[] jpeg, byte[] store)
    {
        var at = 2;
        if (jpeg.Length > 6 && jpeg[2] == 0xFF && jpeg[3] == 0xE0)
        {
            at = 4 + BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(4));
        }

        var segments = new List<byte>();
        var offset = 0;
        for (uint sequence = 1; offset < store.Length; sequence++)
        {
            var header = sequence == 1 ? 0 : 8;
            var chunk = Math.Min(MaxJpegSegmentData - header, store.Length - offset);
            var segmentLength = 2 + 8 + header + chunk;
            segments.AddRange([0xFF, 0xEB, (byte)(segmentLength >> 8), (byte)segmentLength, (byte)'J', (byte)'P', 0x00, 0x01]);
            segments.AddRange([(byte)(sequence >> 24), (byte)(sequence >> 16), (byte)(sequence >> 8), (byte)sequence]);
            if (header > 0)
            {
                segments.AddRange(store.AsSpan(0, 8));
            }

            segments.AddRange(store.AsSpan(offset, chunk));
            offset += chunk;
        }

        return Splice(jpeg, at, [.. segments], replace: 0);
    }

    /// <summary>A caBX chunk right after IHDR, before the image data.</summary>
    private static Placement PlaceInPng(byte[] png, byte[] store)
    {
        var at = 8 + 12 + (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(8));
        var chunk = new byte[12 + store.Length];
        BinaryPrimitives.WriteUInt32BigEndian(chunk, (uint)store.Length);
        Encoding.ASCII.GetBytes("caBX", chunk.AsSpan(4));
        store.CopyTo(chunk, 8);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + store.Length), Crc32.HashToUInt32(chunk.AsSpan(4, 4 + store.Length)));
        return Splice(png, at, chunk, replace: 0);
    }

    /// <summary>A C2PA chunk at the end of the RIFF; a simple-format file gains the VP8X header the extended format needs.</summary>
    private static Placement PlaceInWebp(byte[] webp, byte[] store, int width, int height)
    {
        var body = new List<byte>(webp.AsSpan(12).ToArray());
        if (Encoding.ASCII.GetString(webp, 12, 4) != "VP8X")
        {
            var alpha = Encoding.ASCII.GetString(webp, 12, 4) == "VP8L" && webp.Length > 25 && (BinaryPrimitives.ReadUInt32LittleEndian(webp.AsSpan(21)) & (1u << 28)) != 0;
            var vp8x = new byte[18];
            Encoding.ASCII.GetBytes("VP8X", vp8x);
            BinaryPrimitives.WriteUInt32LittleEndian(vp8x.AsSpan(4), 10);
            vp8x[8] = alpha ? (byte)0x10 : (byte)0;
            WriteUInt24(vp8x.AsSpan(12), width - 1);
            WriteUInt24(vp8x.AsSpan(15), height - 1);
            body.InsertRange(0, vp8x);
        }

        var start = 12 + body.Count;
        var padded = store.Length + (store.Length & 1);
        var chunk = new byte[8 + padded];
        Encoding.ASCII.GetBytes("C2PA", chunk);
        BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(4), (uint)store.Length);
        store.CopyTo(chunk, 8);
        body.AddRange(chunk);

        var file = new byte[12 + body.Count];
        Encoding.ASCII.GetBytes("RIFF", file);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(4), (uint)(4 + body.Count));
        Encoding.ASCII.GetBytes("WEBP", file.AsSpan(8));
        body.CopyTo(file, 12);
        return new Placement(file, start, chunk.Length);
    }

    private static void WriteUInt24(Span<byte> target, int value)
    {
        target[0] = (byte)value;
        target[1] = (byte)(value >> 8);
        target[2] = (byte)(value >> 16);
    }

    private static Placement Splice(byte[] file, int at, byte[] insert, int replace)
    {
        var result = new byte[file.Length - replace + insert.Length];
        file.AsSpan(0, at).CopyTo(result);
        insert.CopyTo(result, at);
        file.AsSpan(at + replace).CopyTo(result.AsSpan(at + insert.Length));
        return new Placement(result, at, insert.Length);
    }

    private sealed record Placement(byte[] File, long Start, long Length);
}
