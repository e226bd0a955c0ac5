namespace Flux2.Client;

/// <summary>A file saved inside the output directory.</summary>
public sealed record Flux2SavedFile
{
    /// <summary>Full path of the saved file.</summary>
    public required string Path { get; init; }

    /// <summary>Size in bytes.</summary>
    public required long Bytes { get; init; }

    /// <summary>MIME type from the file's magic bytes.</summary>
    public required string ContentType { get; init; }

    /// <summary>Width in pixels, read from the image header.</summary>
    public int? Width { get; init; }

    /// <summary>Height in pixels, read from the image header.</summary>
    public int? Height { get; init; }

    /// <summary>Lower-case hex SHA-256 of the bytes.</summary>
    public required string Sha256 { get; init; }

    /// <summary>True when the saved bytes carry a C2PA Content Credentials manifest (read from the bytes, as <see cref="Flux2ContentCredentials"/> does).</summary>
    public bool ContentCredentials { get; init; }

    /// <summary>Where it came from, when downloaded.</summary>
    public Uri? Source { get; init; }
}
