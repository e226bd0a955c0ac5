namespace Flux2.Cli;

/// <summary>Where a command saves: a directory, and a file name when the user gave one.</summary>
/// <param name="Directory">Full path of the directory (it becomes the downloader's output directory).</param>
/// <param name="FileName">The file name the user asked for, or null to make names from the prompt.</param>
internal sealed record OutputTarget(string Directory, string? FileName)
{
    /// <summary>
    /// Reads <c>--out</c>: an existing directory or a path ending in a separator is a directory; anything else is a file name.
    /// Without it, the configured output directory is used. Relative paths are resolved against <paramref name="currentDirectory"/>.
    /// </summary>
    public static OutputTarget Resolve(string? path, string defaultDirectory, string currentDirectory)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return new OutputTarget(Path.GetFullPath(defaultDirectory, currentDirectory), null);
        }

        string full = Path.GetFullPath(path, currentDirectory);
        if (System.IO.Directory.Exists(full) || Path.EndsInDirectorySeparator(path))
        {
            return new OutputTarget(Path.TrimEndingDirectorySeparator(full), null);
        }

        return new OutputTarget(Path.GetDirectoryName(full) ?? currentDirectory, Path.GetFileName(full));
    }
}
