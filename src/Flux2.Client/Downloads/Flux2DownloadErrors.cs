namespace Flux2.Client;

/// <summary>The typed errors of downloads and saves; messages name the host only, never a (signed) URL.</summary>
internal static class Flux2DownloadErrors
{
    /// <summary>The URI schemes a download accepts, as told to the caller.</summary>
    public const string AllowedSchemes = "http, https and data: (image bytes inline)";

    /// <summary>A refusal about the source URL.</summary>
    public static Flux2Exception UrlRefused(string message) =>
        new(Flux2ErrorKind.DownloadRefused, message) { Parameter = "url" };

    /// <summary>A refusal about the target path.</summary>
    public static Flux2Exception PathRefused(string message) =>
        new(Flux2ErrorKind.DownloadRefused, message) { Parameter = "path" };

    /// <summary>A scheme other than the allowed ones.</summary>
    public static Flux2Exception Scheme(string scheme) =>
        UrlRefused($"Refused to download a '{scheme}:' URL: only {AllowedSchemes} URLs can be downloaded. For an image generated earlier, use its flux2://images/{{id}}.");

    /// <summary>A host that is (or resolves to) a restricted address.</summary>
    public static Flux2Exception PrivateAddress(string host, int port, string range) =>
        UrlRefused($"Refused to download from '{host}' (port {port}): it is a {range} address, and downloads may reach only public addresses " +
                   "and the configured providers' own origins. To allow it, add the host (or host:port) to Flux2:Download:AllowedPrivateHosts " +
                   "or set Flux2:Download:AllowPrivateNetworks to true.");

    /// <summary>
    /// A body larger than the cap: a refusal of the caller's download, or (with <paramref name="resultOf"/>, the provider whose
    /// result it is) a <see cref="Flux2ErrorKind.BadResult"/>, since the caller's arguments were fine.
    /// </summary>
    public static Flux2Exception TooLargeDownload(string host, long maxBytes, long? announced, string? resultOf = null)
    {
        var size = announced is { } bytes ? $"{bytes} bytes announced" : $"more than {maxBytes} bytes sent";
        var cap = $"the download cap of {maxBytes} bytes ({maxBytes / (1024.0 * 1024.0):0.#} MiB, Flux2:Download:MaxBytes)";
        return resultOf is null
            ? UrlRefused($"Refused the download from '{host}': {size}, over {cap}. Raise Flux2:Download:MaxBytes to accept it.")
            : BadResult(resultOf,
                $"{resultOf} finished the job, but its result from '{host}' is too large ({size}, over {cap}), so it was not fetched. "
                + "Raise Flux2:Download:MaxBytes to accept images this large; until its URL expires the image can still be fetched from the provider.");
    }

    /// <summary>A data URI or bytes in hand larger than the cap.</summary>
    public static Flux2Exception TooLarge(string what, long maxBytes) =>
        UrlRefused($"Refused {what}: it is larger than the download cap of {maxBytes} bytes ({maxBytes / (1024.0 * 1024.0):0.#} MiB). Raise Flux2:Download:MaxBytes to accept it.");

    /// <summary>
    /// A body that is not an image, described by what came back (declared type, size, first bytes): a refusal of the caller's
    /// download, or (with <paramref name="resultOf"/>) the provider's <see cref="Flux2ErrorKind.BadResult"/>.
    /// </summary>
    public static Flux2Exception NotAnImage(string what, string? declared, long? length, ReadOnlySpan<byte> head, string? resultOf = null)
    {
        var answered = Flux2BodyDescription.Describe(declared, length, head);
        return resultOf is null
            ? UrlRefused($"Refused {what}: it is not a PNG, JPEG, WebP, GIF or AVIF/HEIF image but {answered}, so it is probably an error page. "
                + "Check the URL points at the image itself.")
            : BadResult(resultOf,
                $"{resultOf} finished the job, but its result ({what}) is {answered} instead of a PNG, JPEG, WebP, GIF or AVIF/HEIF image, "
                + $"so nothing was saved. Generate again; if it persists, the provider's file host is failing: report it to {resultOf}.");
    }

    /// <summary>Any other guard's refusal of a provider's result URL (a private address, a foreign scheme, too many redirects).</summary>
    public static Flux2Exception ResultRefused(string provider, Flux2Exception refusal) =>
        BadResult(provider, $"{provider} finished the job, but its result URL could not be fetched: {refusal.Message}", refusal);

    /// <summary>A provider's result that cannot be used (provider category: the caller's arguments were fine).</summary>
    public static Flux2Exception BadResult(string provider, string message, Exception? inner = null) =>
        new(Flux2ErrorKind.BadResult, message, inner) { Provider = provider };

    /// <summary>A result URL that has expired or is gone.</summary>
    public static Flux2Exception Expired(string host, int status) =>
        new(Flux2ErrorKind.ResultExpired,
            $"The image at '{host}' is gone or its signed URL has expired (HTTP {status}). Provider result URLs are short-lived " +
            "(BFL about 10 minutes, Replicate about 1 hour): download sooner after generating, or use the stored image id (flux2://images/{id}) instead of the URL.")
        {
            StatusCode = status,
            Parameter = "url",
        };

    /// <summary>A target file that exists while overwrite was not asked.</summary>
    public static Flux2Exception Exists(string path) =>
        PathRefused($"Refused to save '{path}': the file already exists. Choose another name or pass overwrite=true to replace it.");
}
