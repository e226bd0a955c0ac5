using Flux2.Client;
using Microsoft.Extensions.Configuration;

namespace Flux2.Cli;

/// <summary>
/// Turns <c>--reference</c> values into what the caller sends: URLs and data URIs pass through, local files become data URIs. Local
/// files go through the tools' one path guard (<see cref="Flux2LocalFiles"/>): symbolic links resolved, and only files inside the
/// allowed folders (the folder the paths are relative to, the output folder and <c>Flux2:Tools:AllowedRoots</c>) are read.
/// </summary>
internal static class ReferenceImages
{
    /// <summary>Largest local reference file read, in bytes (providers cap inputs well below this).</summary>
    public const long MaxFileBytes = 20L * 1024 * 1024;

    /// <summary>The folders local reference files may be read from: <paramref name="folders"/> and <c>Flux2:Tools:AllowedRoots</c>.</summary>
    public static IReadOnlyList<string> AllowedRoots(IConfiguration configuration, string baseDirectory, params string[] folders) =>
        [.. folders, .. configuration.GetSection("Flux2:Tools:AllowedRoots").GetChildren()
            .Select(child => child.Value).OfType<string>().Where(value => value.Trim().Length > 0)
            .Select(value => Path.GetFullPath(value, baseDirectory))];

    /// <summary>Resolves every value; local paths are relative to <paramref name="baseDirectory"/> and must lie inside <paramref name="allowedRoots"/>.</summary>
    /// <exception cref="Flux2Exception">
    /// DownloadRefused when a path leads outside the allowed folders; InvalidArgument when it does not exist, is too large, or is not an image.
    /// </exception>
    public static async Task<List<string>> ResolveAsync(IEnumerable<string> values, string baseDirectory, IReadOnlyList<string> allowedRoots, CancellationToken cancellationToken)
    {
        var resolved = new List<string>();
        foreach (string value in values)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                continue;
            }

            if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "data")
            {
                resolved.Add(value);
                continue;
            }

            string path = Flux2LocalFiles.ResolveForReading(value, allowedRoots, baseDirectory, "reference", "Reference image");
            resolved.Add(await ReadAsDataUriAsync(path, value, cancellationToken).ConfigureAwait(false));
        }

        return resolved;
    }

    private static async Task<string> ReadAsDataUriAsync(string path, string given, CancellationToken cancellationToken)
    {
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            throw new Flux2Exception(Flux2ErrorKind.InvalidArgument,
                $"Reference image '{given}' is neither an http(s) URL nor an existing file ({path}). Pass a URL, a data URI or a path to a PNG, JPEG or WebP file.")
            { Parameter = "reference" };
        }

        if (file.Length > MaxFileBytes)
        {
            throw new Flux2Exception(Flux2ErrorKind.InvalidArgument,
                $"Reference image '{given}' is {file.Length / (1024 * 1024)} MiB; the limit is {MaxFileBytes / (1024 * 1024)} MiB. Downscale it or pass a URL.")
            { Parameter = "reference" };
        }

        byte[] bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        string contentType = Sniff(bytes) ?? throw new Flux2Exception(Flux2ErrorKind.InvalidArgument,
            $"Reference image '{given}' is not a PNG, JPEG, WebP or GIF file (checked by its first bytes).")
        { Parameter = "reference" };
        return $"data:{contentType};base64,{Convert.ToBase64String(bytes)}";
    }

    /// <summary>The image MIME type from the magic bytes, or null.</summary>
    public static string? Sniff(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return "image/png";
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return "image/jpeg";
        }

        if (bytes.Length >= 12 && bytes[..4].SequenceEqual("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8))
        {
            return "image/webp";
        }

        if (bytes.StartsWith("GIF8"u8))
        {
            return "image/gif";
        }

        return null;
    }
}
