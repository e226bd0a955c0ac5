namespace Flux2.Client;

/// <summary>A vetted target inside the output directory.</summary>
/// <param name="FullPath">The full path as the user sees it (under the configured output directory).</param>
/// <param name="RealDirectory">The real (symlink-free) directory the file is written in.</param>
/// <param name="FileName">The file name, as given.</param>
internal sealed record Flux2OutputPath(string FullPath, string RealDirectory, string FileName)
{
    /// <summary>True when the file name has an extension.</summary>
    public bool HasExtension => Path.HasExtension(FileName);

    /// <summary>The real path the file is written to.</summary>
    public string RealPath => Path.Combine(RealDirectory, FileName);

    /// <summary>The same target with <paramref name="extension"/> (with its dot) appended to the file name.</summary>
    public Flux2OutputPath WithExtension(string extension) =>
        new(FullPath + extension, RealDirectory, FileName + extension);

    /// <summary>The same target with its extension replaced by <paramref name="extension"/> (with its dot).</summary>
    public Flux2OutputPath ReplaceExtension(string extension) =>
        new(Path.ChangeExtension(FullPath, extension), RealDirectory, Path.ChangeExtension(FileName, extension));
}
