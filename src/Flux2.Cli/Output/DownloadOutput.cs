namespace Flux2.Cli;

/// <summary>The JSON document of <c>flux2 download --json</c>.</summary>
internal sealed class DownloadOutput
{
    /// <summary>Full path of the saved file.</summary>
    public required string Path { get; init; }

    /// <summary>Size in bytes.</summary>
    public long Bytes { get; init; }

    /// <summary>MIME type from the magic bytes.</summary>
    public required string ContentType { get; init; }

    /// <summary>Width in pixels.</summary>
    public int? Width { get; init; }

    /// <summary>Height in pixels.</summary>
    public int? Height { get; init; }

    /// <summary>Lower-case hex SHA-256.</summary>
    public required string Sha256 { get; init; }

    /// <summary>The URL it came from.</summary>
    public string? Source { get; init; }

    /// <summary>What was converted or renamed so that the file is what its name says.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
