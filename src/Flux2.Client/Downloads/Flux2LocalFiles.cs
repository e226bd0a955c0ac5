namespace Flux2.Client;

/// <summary>
/// Local files the tools read on a caller's behalf (reference images): the same path guard as every save, for reading. A path is
/// resolved with every symbolic link along it, so a link inside an allowed folder cannot lead a tool to a file anywhere else.
/// </summary>
public static class Flux2LocalFiles
{
    /// <summary>
    /// The real path of <paramref name="path"/> (relative to <paramref name="baseDirectory"/>, <c>..</c> and symbolic links resolved),
    /// refused unless it lies inside one of <paramref name="allowedRoots"/>. Read the returned path.
    /// </summary>
    /// <param name="path">The path the caller gave.</param>
    /// <param name="allowedRoots">The folders files may be read from (relative ones are taken from <paramref name="baseDirectory"/>).</param>
    /// <param name="baseDirectory">What a relative path is relative to.</param>
    /// <param name="parameter">The parameter named in the error, e.g. <c>reference_images</c>.</param>
    /// <param name="label">How the message names the value, e.g. <c>reference_images[0]</c>; defaults to <paramref name="parameter"/>.</param>
    /// <exception cref="Flux2Exception"><see cref="Flux2ErrorKind.DownloadRefused"/> naming the allowed folders and how to add one.</exception>
    public static string ResolveForReading(string path, IEnumerable<string> allowedRoots, string baseDirectory, string parameter, string? label = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(allowedRoots);
        ArgumentException.ThrowIfNullOrWhiteSpace(baseDirectory);
        ArgumentException.ThrowIfNullOrWhiteSpace(parameter);
        return Flux2PathGuard.ResolveForReading(path, allowedRoots, baseDirectory, parameter, label ?? parameter);
    }
}
