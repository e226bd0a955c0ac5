using Flux2.Client;

namespace Flux2.Agents;

/// <summary>
/// Files are what their names say. A file name's extension (.png, .jpg/.jpeg, .webp) asks for a format: a request with
/// no format of its own asks the provider for it where the model offers it there, and bytes saved under that name are
/// converted locally (<see cref="Flux2ImageConverter"/>) when they are anything else. A name with no usable extension
/// gets the one its bytes call for. Used by the tools, the command line and the samples alike.
/// </summary>
public static class Flux2ImageFiles
{
    /// <summary>The output format (png, jpeg or webp) a file name's extension asks for; null when it names none of them.</summary>
    public static string? FormatOfName(string? path) =>
        Path.GetExtension(path ?? "").ToLowerInvariant() switch
        {
            ".png" => Flux2OutputFormats.Png,
            ".jpg" or ".jpeg" => Flux2OutputFormats.Jpeg,
            ".webp" => Flux2OutputFormats.Webp,
            _ => null,
        };

    /// <summary>
    /// The format the saved files must have: <paramref name="requestedFormat"/> when one was asked for, else the one
    /// <paramref name="path"/>'s extension asks for, else null (whatever the provider returns, named after its bytes).
    /// </summary>
    /// <exception cref="Flux2Exception"><see cref="Flux2ErrorKind.InvalidArgument"/> naming both when they name different formats.</exception>
    public static string? WantedFormat(string? requestedFormat, string? path, string formatParameter, string pathParameter)
    {
        string? requested = string.IsNullOrWhiteSpace(requestedFormat) ? null : Canonical(requestedFormat);
        string? named = FormatOfName(path);
        if (requested is not null && named is not null && requested != named)
        {
            throw new Flux2Exception(Flux2ErrorKind.InvalidArgument,
                $"{formatParameter} {requestedFormat!.Trim()} and {pathParameter} '{Path.GetFileName(path)}' ask for two different formats ({requested} and {named}); "
                + $"drop {formatParameter}, or name the file {Path.ChangeExtension(Path.GetFileName(path), Extension(requested))}.")
            { Parameter = formatParameter.TrimStart('-') };
        }

        return requested ?? named;
    }

    /// <summary>
    /// The output format to put on <paramref name="request"/>: its own when it has one; else <paramref name="wanted"/> when
    /// every capability row that can serve the request (its provider, or the configured one, else any) offers it for the
    /// model; else null, so the provider's default is returned and converted on save.
    /// </summary>
    public static string? FormatToAsk(string? wanted, Flux2ImageRequest request, IEnumerable<Flux2ModelCapabilities> capabilities, Flux2ClientOptions defaults)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(capabilities);
        ArgumentNullException.ThrowIfNull(defaults);
        if (request.OutputFormat is not null || wanted is null)
        {
            return request.OutputFormat;
        }

        string model = string.IsNullOrWhiteSpace(request.Model) ? defaults.Model : request.Model.Trim();
        string? provider = !string.IsNullOrWhiteSpace(request.Provider) ? request.Provider.Trim()
            : !string.IsNullOrWhiteSpace(defaults.Provider) ? defaults.Provider.Trim() : null;
        var rows = capabilities
            .Where(row => string.Equals(row.Model, model, StringComparison.OrdinalIgnoreCase)
                && (provider is null || string.Equals(row.Provider, provider, StringComparison.OrdinalIgnoreCase)))
            .ToList();
        return rows.Count > 0 && rows.All(row => row.OutputFormats.Contains(wanted, StringComparer.OrdinalIgnoreCase)) ? wanted : null;
    }

    /// <summary>
    /// Saves <paramref name="bytes"/> to <paramref name="path"/> (relative to the output directory) through the downloader,
    /// atomically: converted first when the name asks for another format; saved under the extension its bytes call for when
    /// the name has no usable one. The warning says what was converted or renamed, or is null.
    /// </summary>
    /// <exception cref="Flux2Exception">The downloader's refusals; <see cref="Flux2ErrorKind.Unsupported"/> when the bytes cannot be converted.</exception>
    public static async Task<(Flux2SavedFile File, string? Warning)> SaveAsync(
        IFlux2Downloader downloader, ReadOnlyMemory<byte> bytes, string path, bool overwrite, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(downloader);
        ArgumentNullException.ThrowIfNull(path);
        string? wanted = FormatOfName(path);
        string? actual = FormatOfContentType(ImageSniffer.ContentType(bytes.Span));
        if (wanted is null || actual is null || actual == wanted)
        {
            var saved = await downloader.SaveAsync(bytes, path, overwrite, cancellationToken).ConfigureAwait(false);
            return (saved, RenameWarning(path, saved));
        }

        byte[] converted = Flux2ImageConverter.Convert(bytes, wanted);
        var file = await downloader.SaveAsync(converted, path, overwrite, cancellationToken).ConfigureAwait(false);
        string dropped = Flux2ContentCredentials.HasManifest(bytes.Span) && !file.ContentCredentials
            ? " The conversion dropped the image's Content Credentials (C2PA manifest); save it under its own format to keep them."
            : "";
        return (file, $"{Path.GetFileName(file.Path)}: the image came as {Label(actual)}, not the {Label(wanted)} its name asks for; "
            + $"converted it to {Label(wanted)} locally ({Flux2ImageConverter.Describe(wanted)}).{dropped}");
    }

    /// <summary>
    /// Downloads <paramref name="source"/> to <paramref name="path"/> as <see cref="SaveAsync"/> saves bytes. A name that asks
    /// for a format is fetched into memory (within the download size cap) so it can be converted; any other is streamed.
    /// </summary>
    /// <exception cref="Flux2Exception">The downloader's refusals and failures; <see cref="Flux2ErrorKind.Unsupported"/> when the bytes cannot be converted.</exception>
    public static async Task<(Flux2SavedFile File, string? Warning)> DownloadAsync(
        IFlux2Downloader downloader, Uri source, string path, bool overwrite, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(downloader);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(path);
        if (FormatOfName(path) is null)
        {
            var streamed = await downloader.DownloadAsync(source, path, overwrite, cancellationToken).ConfigureAwait(false);
            return (streamed, RenameWarning(path, streamed));
        }

        if (!overwrite && downloader.ResolvePath(path) is var target && File.Exists(target))
        {
            // Refused before a byte is fetched, so no (paid) bandwidth is spent on a save that would be refused.
            throw new Flux2Exception(Flux2ErrorKind.DownloadRefused,
                $"Refused to save '{target}': the file already exists. Choose another name or pass overwrite=true to replace it.")
            { Parameter = "path" };
        }

        var fetched = await downloader.FetchAsync(source, cancellationToken).ConfigureAwait(false);
        var (file, warning) = await SaveAsync(downloader, fetched.Bytes, path, overwrite, cancellationToken).ConfigureAwait(false);
        return (file with { Source = source }, warning);
    }

    /// <summary>The output format of a MIME type (png, jpeg, webp, gif), or null.</summary>
    private static string? FormatOfContentType(string? contentType) => contentType switch
    {
        "image/png" => Flux2OutputFormats.Png,
        "image/jpeg" => Flux2OutputFormats.Jpeg,
        "image/webp" => Flux2OutputFormats.Webp,
        "image/gif" => "gif",
        _ => null,
    };

    private static string Canonical(string format) =>
        format.Trim().ToLowerInvariant() is "jpg" ? Flux2OutputFormats.Jpeg : format.Trim().ToLowerInvariant();

    private static string Extension(string format) => format == Flux2OutputFormats.Jpeg ? ".jpg" : "." + format;

    private static string Label(string format) => format.ToUpperInvariant() switch
    {
        "WEBP" => "WebP",
        var upper => upper,
    };

    /// <summary>Says so when the downloader saved under another name than asked, because the name's extension was not the bytes' own.</summary>
    private static string? RenameWarning(string path, Flux2SavedFile saved)
    {
        string asked = Path.GetFileName(path);
        string got = Path.GetFileName(saved.Path);
        return !Path.HasExtension(asked) || string.Equals(asked, got, StringComparison.Ordinal)
            ? null
            : $"saved as {got}: the image is {saved.ContentType}, which the name {asked} contradicts (PNG, JPEG, WebP and GIF images are converted only for .png, .jpg/.jpeg and .webp names).";
    }
}
