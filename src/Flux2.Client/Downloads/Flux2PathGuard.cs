using System.Buffers;

namespace Flux2.Client;

/// <summary>
/// The one path guard of every local path the tools write or read. Writing: resolves a user's path against the output directory
/// and refuses any that leaves it (<c>..</c>, absolute paths elsewhere, rooted tricks, symlinks pointing out, empty names, device
/// names and invalid characters). Reading: resolves every symbolic link along the path and refuses a file whose real location is
/// outside every allowed folder (<see cref="ResolveForReading"/>).
/// </summary>
internal static class Flux2PathGuard
{
    private const int MaxNameLength = 255;
    private const int MaxLinkHops = 40;

    private static readonly SearchValues<char> s_invalidNameChars = SearchValues.Create("<>:\"|?*");

    private static readonly HashSet<string> s_deviceNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
        "COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    };

    private static StringComparison PathComparison =>
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    /// <summary>The full path of the configured output directory.</summary>
    public static string OutputRoot(string? outputDirectory) =>
        Path.GetFullPath(string.IsNullOrWhiteSpace(outputDirectory) ? "flux2-output" : outputDirectory);

    /// <summary>Vets <paramref name="path"/> and creates its directories inside the output directory.</summary>
    /// <exception cref="Flux2Exception"><see cref="Flux2ErrorKind.DownloadRefused"/> with Parameter "path".</exception>
    public static Flux2OutputPath Resolve(string? outputDirectory, string? path)
    {
        var root = OutputRoot(outputDirectory);
        if (string.IsNullOrWhiteSpace(path))
        {
            throw Refuse(root, "the path is empty");
        }

        // Backslashes separate directories on every platform, so "..\x.png" is caught everywhere.
        var normalized = OperatingSystem.IsWindows() ? path : path.Replace('\\', '/');
        if (normalized.Any(char.IsControl))
        {
            throw Refuse(root, "the path contains control characters");
        }

        string relative;
        if (Path.IsPathFullyQualified(normalized))
        {
            var full = Path.GetFullPath(normalized);
            if (!IsStrictlyInside(root, full))
            {
                throw Refuse(root, $"'{path}' is outside it");
            }

            relative = Path.GetRelativePath(root, full);
        }
        else if (Path.IsPathRooted(normalized) || normalized[0] is '/' or '\\' || (normalized.Length >= 2 && normalized[1] == ':'))
        {
            throw Refuse(root, $"'{path}' is rooted (a drive or root-relative path)");
        }
        else
        {
            relative = normalized;
        }

        var segments = relative.Split(['/', '\\']);
        for (var i = 0; i < segments.Length; i++)
        {
            CheckSegment(root, path, segments[i], isFileName: i == segments.Length - 1);
        }

        Directory.CreateDirectory(root);
        var realRoot = RealPath(root);
        var current = realRoot;
        var logical = root;
        for (var i = 0; i < segments.Length - 1; i++)
        {
            var next = Path.Combine(current, segments[i]);
            logical = Path.Combine(logical, segments[i]);
            if (new FileInfo(next).LinkTarget is not null)
            {
                var real = RealPath(next);
                if (!IsInsideOrSame(realRoot, real))
                {
                    throw Refuse(root, $"'{segments[i]}' is a symbolic link that points outside it");
                }

                if (!Directory.Exists(real))
                {
                    throw Refuse(root, $"'{segments[i]}' is a symbolic link to something that is not a directory");
                }

                current = real;
            }
            else if (File.Exists(next))
            {
                throw Refuse(root, $"'{segments[i]}' is a file, not a directory");
            }
            else
            {
                Directory.CreateDirectory(next);
                current = next;
            }
        }

        var fileName = segments[^1];
        var target = Path.Combine(current, fileName);
        if (Directory.Exists(target))
        {
            throw Refuse(root, $"'{path}' is a directory; give a file name");
        }

        if (new FileInfo(target).LinkTarget is not null && !IsStrictlyInside(realRoot, RealPath(target)))
        {
            throw Refuse(root, $"'{path}' is a symbolic link that points outside it");
        }

        return new Flux2OutputPath(Path.Combine(logical, fileName), current, fileName);
    }

    /// <summary>
    /// The real path of a local file to read: <paramref name="path"/> (relative to <paramref name="baseDirectory"/>) with <c>..</c>
    /// and every symbolic link along it resolved, refused unless it lies inside one of <paramref name="allowedRoots"/> (whose own links
    /// are resolved too). Read the returned path, not the given one, so a link cannot be swapped in between.
    /// </summary>
    /// <exception cref="Flux2Exception"><see cref="Flux2ErrorKind.DownloadRefused"/> with <paramref name="parameter"/>.</exception>
    public static string ResolveForReading(string path, IEnumerable<string> allowedRoots, string baseDirectory, string parameter, string label)
    {
        ArgumentNullException.ThrowIfNull(allowedRoots);
        if (string.IsNullOrWhiteSpace(path) || path.Any(char.IsControl))
        {
            throw ReadRefused(parameter, $"{label} is empty or contains control characters; give the path of an image file.");
        }

        var logical = Path.GetFullPath(path, Path.GetFullPath(baseDirectory));
        var roots = allowedRoots
            .Where(root => !string.IsNullOrWhiteSpace(root))
            .Select(root => Path.GetFullPath(root, Path.GetFullPath(baseDirectory)))
            .Distinct(OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal)
            .ToList();
        var listed = string.Join(", ", roots);
        var real = RealPath(logical);
        if (roots.Select(RealPath).Any(root => IsStrictlyInside(root, real)))
        {
            return real;
        }

        var reason = roots.Any(root => IsStrictlyInside(root, logical))
            ? $"{label} '{path}' is a symbolic link, or inside one, that leads outside the folders local files may be read from ({listed})"
            : $"{label} '{path}' is outside the folders local files may be read from ({listed})";
        throw ReadRefused(parameter, reason + "; copy the file into one of them, or add its folder to Flux2:Tools:AllowedRoots.");
    }

    /// <summary>True when a file (or a link, even a dangling one) exists at <paramref name="path"/>.</summary>
    public static bool Exists(string path) =>
        File.Exists(path) || Directory.Exists(path) || new FileInfo(path).LinkTarget is not null;

    /// <summary>The real path of <paramref name="path"/>: every symbolic link along it resolved.</summary>
    public static string RealPath(string path)
    {
        var full = Path.GetFullPath(path);
        for (var hops = 0; hops <= MaxLinkHops; hops++)
        {
            var pathRoot = Path.GetPathRoot(full) ?? string.Empty;
            var parts = full[pathRoot.Length..].Split(
                [Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);
            var current = pathRoot;
            string? restart = null;
            for (var i = 0; i < parts.Length; i++)
            {
                var candidate = Path.Combine(current, parts[i]);
                var link = new FileInfo(candidate).LinkTarget;
                if (link is null)
                {
                    current = candidate;
                    continue;
                }

                var resolved = Path.IsPathRooted(link) ? link : Path.Combine(current, link);
                restart = Path.GetFullPath(Path.Combine([resolved, .. parts[(i + 1)..]]));
                break;
            }

            if (restart is null)
            {
                return current;
            }

            full = restart;
        }

        throw Flux2DownloadErrors.PathRefused($"Refused '{path}': too many levels of symbolic links.");
    }

    private static void CheckSegment(string root, string path, string segment, bool isFileName)
    {
        if (segment.Length == 0)
        {
            throw Refuse(root, isFileName ? $"'{path}' has no file name" : $"'{path}' has an empty directory name");
        }

        if (segment is "." or "..")
        {
            throw Refuse(root, $"'{path}' uses '{segment}'");
        }

        if (segment.IndexOfAny(s_invalidNameChars) >= 0)
        {
            throw Refuse(root, $"'{segment}' contains a character not allowed in file names (< > : \" | ? *)");
        }

        if (segment.EndsWith('.') || segment.EndsWith(' ') || segment.StartsWith(' '))
        {
            throw Refuse(root, $"'{segment}' starts or ends with a space or ends with a dot");
        }

        if (segment.Length > MaxNameLength)
        {
            throw Refuse(root, $"a name is longer than {MaxNameLength} characters");
        }

        var stem = segment.Split('.')[0].TrimEnd();
        if (s_deviceNames.Contains(stem))
        {
            throw Refuse(root, $"'{segment}' is a reserved device name");
        }
    }

    private static bool IsStrictlyInside(string root, string full)
    {
        var prefix = Path.EndsInDirectorySeparator(root) ? root : root + Path.DirectorySeparatorChar;
        return full.Length > prefix.Length && full.StartsWith(prefix, PathComparison);
    }

    private static bool IsInsideOrSame(string root, string full) =>
        string.Equals(Path.TrimEndingDirectorySeparator(root), Path.TrimEndingDirectorySeparator(full), PathComparison)
        || IsStrictlyInside(root, full);

    private static Flux2Exception ReadRefused(string parameter, string message) =>
        new(Flux2ErrorKind.DownloadRefused, message) { Parameter = parameter };

    private static Flux2Exception Refuse(string root, string reason) =>
        Flux2DownloadErrors.PathRefused($"Refused the path: {reason}. Paths must stay inside the output directory '{root}' (a file name or a path relative to it).");
}
