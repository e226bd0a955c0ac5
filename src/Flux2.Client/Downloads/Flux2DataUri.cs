namespace Flux2.Client;

/// <summary>Decodes <c>data:</c> URIs (RFC 2397), base64 or percent-encoded.</summary>
internal static class Flux2DataUri
{
    /// <summary>Decodes <paramref name="text"/>; throws <see cref="Flux2ErrorKind.DownloadRefused"/> when it is not a valid data URI or exceeds <paramref name="maxBytes"/>.</summary>
    public static (byte[] Bytes, string? MediaType) Decode(string text, long maxBytes)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            throw Flux2DownloadErrors.UrlRefused("The data URI does not start with 'data:'.");
        }

        var comma = text.IndexOf(',', StringComparison.Ordinal);
        if (comma < 0)
        {
            throw Flux2DownloadErrors.UrlRefused("The data URI has no ',' before its data: expected data:image/png;base64,....");
        }

        var header = text.AsSpan(5, comma - 5);
        var data = text.AsSpan(comma + 1);
        var isBase64 = header.EndsWith(";base64", StringComparison.OrdinalIgnoreCase);
        var mediaType = (isBase64 ? header[..^7] : header).ToString();
        var semicolon = mediaType.IndexOf(';', StringComparison.Ordinal);
        mediaType = (semicolon >= 0 ? mediaType[..semicolon] : mediaType).Trim();

        // Every 4 base64 characters make at most 3 bytes; refuse before decoding anything too large.
        var estimate = isBase64 ? data.Length / 4L * 3 : data.Length;
        if (estimate > maxBytes + 3)
        {
            throw Flux2DownloadErrors.TooLarge("the data URI", maxBytes);
        }

        byte[] bytes;
        if (isBase64)
        {
            // URIs may percent-encode the base64 alphabet or carry whitespace.
            var cleaned = data.Contains('%') ? Uri.UnescapeDataString(data.ToString()) : data.ToString();
            try
            {
                bytes = Convert.FromBase64String(cleaned);
            }
            catch (FormatException ex)
            {
                throw new Flux2Exception(Flux2ErrorKind.DownloadRefused, "The data URI's base64 data is invalid.", ex) { Parameter = "url" };
            }
        }
        else
        {
            bytes = PercentDecode(data);
        }

        if (bytes.LongLength > maxBytes)
        {
            throw Flux2DownloadErrors.TooLarge("the data URI", maxBytes);
        }

        return (bytes, mediaType.Length == 0 ? null : mediaType);
    }

    private static byte[] PercentDecode(ReadOnlySpan<char> data)
    {
        var output = new List<byte>(data.Length);
        for (var i = 0; i < data.Length; i++)
        {
            if (data[i] == '%' && i + 2 < data.Length && Uri.IsHexDigit(data[i + 1]) && Uri.IsHexDigit(data[i + 2]))
            {
                output.Add((byte)((Uri.FromHex(data[i + 1]) << 4) | Uri.FromHex(data[i + 2])));
                i += 2;
            }
            else
            {
                output.Add(data[i] <= 0xFF ? (byte)data[i] : (byte)'?');
            }
        }

        return [.. output];
    }
}
