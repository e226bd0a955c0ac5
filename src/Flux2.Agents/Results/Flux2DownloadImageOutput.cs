namespace Flux2.Agents;

/// <summary>The result of <c>download_image</c>.</summary>
public sealed record Flux2DownloadImageOutput
{
    /// <summary>Full path of the saved file.</summary>
    public required string Path { get; init; }

    /// <summary>Size in bytes.</summary>
    public required long Bytes { get; init; }

    /// <summary>MIME type from the file's magic bytes.</summary>
    public required string ContentType { get; init; }

    /// <summary>Width in pixels.</summary>
    public int? Width { get; init; }

    /// <summary>Height in pixels.</summary>
    public int? Height { get; init; }

    /// <summary>Lower-case hex SHA-256 of the bytes.</summary>
    public required string Sha256 { get; init; }

    /// <summary>Where the image came from (the URL or flux2://images/{id}).</summary>
    public required string Source { get; init; }

    /// <summary>What was converted or renamed so that the file is what its name says (empty when nothing was).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>True when the saved file carries a C2PA Content Credentials manifest (a conversion drops it: see warnings).</summary>
    public bool C2pa { get; init; }
}
