namespace Flux2.Agents;

/// <summary>The result of <c>download_image</c>.</summary>
public sealed record Flux2DownloadImageOutput
{
    /// <summary>Full path of the saved file; absent when nothing was saved (<see cref="Flux2ToolsOptions.SaveDownloads"/> off: see <see cref="Uri"/>).</summary>
    public string? Path { get; init; }

    /// <summary>flux2://images/{id} of the image in the image store, when it is there (a stored id, or a download that was not saved).</summary>
    public string? Uri { get; init; }

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

    /// <summary>A one-line note for the user: where the image went when it was not saved as a file.</summary>
    public string? Note { get; init; }

    /// <summary>True when the saved file carries a C2PA Content Credentials manifest (a conversion drops it: see warnings).</summary>
    public bool C2pa { get; init; }
}
