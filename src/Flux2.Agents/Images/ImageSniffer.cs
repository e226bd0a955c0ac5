using SkiaSharp;

namespace Flux2.Agents;

/// <summary>Reads what an image is from its bytes: type by magic bytes, size from the header.</summary>
internal static class ImageSniffer
{
    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The MIME type by magic bytes, or null when the bytes are not a PNG, JPEG, WebP or GIF.</summary>
    public static string? ContentType(ReadOnlySpan<byte> data)
    {
        if (data.Length >= 8 && data[..8].SequenceEqual(PngSignature))
        {
            return "image/png";
        }

        if (data.Length >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF)
        {
            return "image/jpeg";
        }

        if (data.Length >= 12 && data[..4].SequenceEqual("RIFF"u8) && data[8..12].SequenceEqual("WEBP"u8))
        {
            return "image/webp";
        }

        if (data.Length >= 6 && (data[..6].SequenceEqual("GIF87a"u8) || data[..6].SequenceEqual("GIF89a"u8)))
        {
            return "image/gif";
        }

        return null;
    }

    /// <summary>Width and height from the image header, or nulls when it cannot be read (or SkiaSharp's native library cannot be loaded).</summary>
    public static (int? Width, int? Height) Dimensions(ReadOnlyMemory<byte> data)
    {
        try
        {
            return DimensionsCore(data);
        }
        catch (Exception ex) when (SkiaNatives.IsLoadFailure(ex))
        {
            // The size is a nicety here: the image itself is fine, and the provider's stated size stands in.
            return (null, null);
        }
    }

    private static (int? Width, int? Height) DimensionsCore(ReadOnlyMemory<byte> data)
    {
        using var stream = System.Runtime.InteropServices.MemoryMarshal.TryGetArray(data, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(data.ToArray(), writable: false);
        using var codec = SKCodec.Create(stream);
        return codec is null ? (null, null) : (codec.Info.Width, codec.Info.Height);
    }

    /// <summary>The file extension (with dot) of a MIME type.</summary>
    public static string Extension(string? contentType) => contentType switch
    {
        "image/png" => ".png",
        "image/jpeg" => ".jpg",
        "image/webp" => ".webp",
        "image/gif" => ".gif",
        _ => ".img",
    };

    /// <summary>The MIME type of a file extension, or null.</summary>
    public static string? ContentTypeOfExtension(string extension) => extension.ToLowerInvariant() switch
    {
        ".png" => "image/png",
        ".jpg" or ".jpeg" => "image/jpeg",
        ".webp" => "image/webp",
        ".gif" => "image/gif",
        _ => null,
    };
}
