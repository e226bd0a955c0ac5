namespace Flux2.Client;

/// <summary>Turns what providers return (URLs, data URIs, bare base64, raw bytes) into <see cref="Flux2Image"/>s.</summary>
internal static class Flux2ImageData
{
    /// <summary>
    /// Builds an image from a URL or a data URI (decoded into <see cref="Flux2Image.Data"/>).
    /// </summary>
    /// <exception cref="Flux2Exception"><see cref="Flux2ErrorKind.MalformedResponse"/> when the text is neither an http(s) URL nor a valid data URI.</exception>
    public static Flux2Image FromUrlOrDataUri(string urlOrDataUri, string provider, string? contentType = null, int? width = null, int? height = null, DateTimeOffset? expiresAt = null, long? seed = null)
    {
        ArgumentNullException.ThrowIfNull(urlOrDataUri);
        if (urlOrDataUri.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            if (!TryDecodeDataUri(urlOrDataUri, out byte[] bytes, out string? mediaType))
            {
                throw new Flux2Exception(Flux2ErrorKind.MalformedResponse, $"{provider} returned an image data URI that could not be decoded.") { Provider = provider };
            }

            return FromBytes(bytes, contentType ?? mediaType, width, height, seed);
        }

        if (!Uri.TryCreate(urlOrDataUri, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new Flux2Exception(Flux2ErrorKind.MalformedResponse, $"{provider} returned an image location that is neither an http(s) URL nor a data URI.") { Provider = provider };
        }

        return new Flux2Image { Url = url, ContentType = contentType, Width = width, Height = height, ExpiresAt = expiresAt, Seed = seed };
    }

    /// <summary>Builds an image from bare base64 (a data URI is accepted too).</summary>
    /// <exception cref="Flux2Exception"><see cref="Flux2ErrorKind.MalformedResponse"/> when the text is not base64.</exception>
    public static Flux2Image FromBase64(string base64, string provider, string? contentType = null, int? width = null, int? height = null, long? seed = null)
    {
        ArgumentNullException.ThrowIfNull(base64);
        if (base64.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            return FromUrlOrDataUri(base64, provider, contentType, width, height, seed: seed);
        }

        if (!TryDecodeBase64(base64, out byte[] bytes))
        {
            throw new Flux2Exception(Flux2ErrorKind.MalformedResponse, $"{provider} returned image data that is not valid base64.") { Provider = provider };
        }

        return FromBytes(bytes, contentType, width, height, seed);
    }

    /// <summary>
    /// Builds an image from bytes in hand; the content type is sniffed from the magic bytes when not given, and the width
    /// and height are read from the image header when it can be read (the given ones are only the fallback).
    /// </summary>
    public static Flux2Image FromBytes(byte[] bytes, string? contentType = null, int? width = null, int? height = null, long? seed = null, Uri? url = null, DateTimeOffset? expiresAt = null)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        string? sniffed = SniffContentType(bytes);
        (int Width, int Height)? real = Dimensions(bytes);
        return new Flux2Image
        {
            Url = url,
            Data = bytes,
            ContentType = sniffed ?? contentType,
            Width = real?.Width ?? width,
            Height = real?.Height ?? height,
            ExpiresAt = expiresAt,
            Seed = seed,
        };
    }

    /// <summary>The width and height written in an image's header, or null when the bytes are not a readable image.</summary>
    public static (int Width, int Height)? Dimensions(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        Flux2ImageFormat? format = Flux2ImageSniffer.Identify(bytes.AsSpan(0, Math.Min(bytes.Length, Flux2ImageSniffer.SniffLength)));
        if (format is null)
        {
            return null;
        }

        using var stream = new MemoryStream(bytes, writable: false);
        return Flux2ImageSniffer.ReadDimensions(stream, format);
    }

    /// <summary>Decodes <c>data:[mediatype][;base64],payload</c>; percent-encoded (non-base64) payloads are accepted too.</summary>
    public static bool TryDecodeDataUri(string dataUri, out byte[] bytes, out string? mediaType)
    {
        bytes = [];
        mediaType = null;
        if (dataUri is null || !dataUri.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        int comma = dataUri.IndexOf(',', StringComparison.Ordinal);
        if (comma < 0)
        {
            return false;
        }

        string meta = dataUri[5..comma];
        string payload = dataUri[(comma + 1)..];
        bool isBase64 = meta.EndsWith(";base64", StringComparison.OrdinalIgnoreCase);
        string type = isBase64 ? meta[..^7] : meta;
        int semicolon = type.IndexOf(';', StringComparison.Ordinal);
        if (semicolon >= 0)
        {
            type = type[..semicolon];
        }

        mediaType = type.Length > 0 ? type.ToLowerInvariant() : null;
        if (isBase64)
        {
            return TryDecodeBase64(payload, out bytes);
        }

        bytes = System.Text.Encoding.Latin1.GetBytes(Uri.UnescapeDataString(payload));
        return true;
    }

    /// <summary>Decodes standard or URL-safe base64, with or without padding and whitespace.</summary>
    public static bool TryDecodeBase64(string text, out byte[] bytes)
    {
        bytes = [];
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        string clean = text.Trim();
        if (clean.Contains('-', StringComparison.Ordinal) || clean.Contains('_', StringComparison.Ordinal))
        {
            clean = clean.Replace('-', '+').Replace('_', '/');
        }

        clean = string.Concat(clean.Where(c => !char.IsWhiteSpace(c)));
        int pad = clean.Length % 4;
        if (pad == 1)
        {
            return false;
        }

        if (pad > 0)
        {
            clean += new string('=', 4 - pad);
        }

        byte[] buffer = new byte[clean.Length / 4 * 3];
        if (!Convert.TryFromBase64String(clean, buffer, out int written))
        {
            return false;
        }

        bytes = written == buffer.Length ? buffer : buffer[..written];
        return true;
    }

    /// <summary>The image MIME type from magic bytes (PNG, JPEG, WebP, GIF), or null.</summary>
    public static string? SniffContentType(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length >= 8 && bytes[..8].SequenceEqual(PngSignature))
        {
            return "image/png";
        }

        if (bytes.Length >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF)
        {
            return "image/jpeg";
        }

        if (bytes.Length >= 12 && bytes[..4].SequenceEqual("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8))
        {
            return "image/webp";
        }

        if (bytes.Length >= 6 && bytes[..4].SequenceEqual("GIF8"u8))
        {
            return "image/gif";
        }

        return null;
    }

    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
}
