namespace Flux2.Client;

/// <summary>Builds request URLs under a configured base URL (which replaces only the scheme, host and leading path).</summary>
internal static class Flux2Urls
{
    /// <summary>Appends a provider path (e.g. "v1/flux-2-pro" or "/fal-ai/flux-2") to a base URL, keeping the base's own path.</summary>
    public static Uri Combine(Uri baseUrl, string path)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        ArgumentNullException.ThrowIfNull(path);
        string root = baseUrl.AbsoluteUri;
        int query = root.IndexOf('?', StringComparison.Ordinal);
        if (query >= 0)
        {
            root = root[..query];
        }

        return new Uri(root.TrimEnd('/') + "/" + path.TrimStart('/'), UriKind.Absolute);
    }

    /// <summary>Reads a URL the provider returned; relative ones are resolved against the base URL, anything else is null.</summary>
    public static Uri? TryParseReturned(string? url, Uri baseUrl)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return null;
        }

        if (Uri.TryCreate(url, UriKind.Absolute, out var absolute) && (absolute.Scheme == Uri.UriSchemeHttp || absolute.Scheme == Uri.UriSchemeHttps))
        {
            return absolute;
        }

        return url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) ? Combine(baseUrl, url) : null;
    }
}
