using System.Globalization;

namespace Flux2.Client;

/// <summary>Reads the expiry of a signed URL (Azure SAS <c>se</c>, S3 <c>X-Amz-*</c>, GCS <c>X-Goog-*</c>, CloudFront/GCS <c>Expires</c>).</summary>
internal static class Flux2SignedUrlExpiry
{
    /// <summary>When <paramref name="uri"/>'s signature expires, or null when it carries no recognised expiry.</summary>
    public static DateTimeOffset? ExpiresAt(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var query = uri.Query.TrimStart('?');
        if (query.Length == 0)
        {
            return null;
        }

        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                values.TryAdd(Uri.UnescapeDataString(pair[..equals]), Uri.UnescapeDataString(pair[(equals + 1)..].Replace('+', ' ')));
            }
        }

        if (values.TryGetValue("se", out var se)
            && DateTimeOffset.TryParse(se, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var azure))
        {
            return azure;
        }

        if (TryStartPlusSeconds(values, "X-Amz-Date", "X-Amz-Expires", out var amazon)
            || TryStartPlusSeconds(values, "X-Goog-Date", "X-Goog-Expires", out amazon))
        {
            return amazon;
        }

        if (values.TryGetValue("Expires", out var expires)
            && long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var epoch)
            && epoch is > 0 and < 253402300799)
        {
            return DateTimeOffset.FromUnixTimeSeconds(epoch);
        }

        return null;
    }

    private static bool TryStartPlusSeconds(Dictionary<string, string> values, string dateKey, string secondsKey, out DateTimeOffset expiresAt)
    {
        expiresAt = default;
        if (values.TryGetValue(dateKey, out var date)
            && values.TryGetValue(secondsKey, out var seconds)
            && DateTimeOffset.TryParseExact(date, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var start)
            && int.TryParse(seconds, NumberStyles.None, CultureInfo.InvariantCulture, out var lifetime))
        {
            expiresAt = start.AddSeconds(lifetime);
            return true;
        }

        return false;
    }
}
