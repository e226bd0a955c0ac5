namespace Flux2.Cli;

/// <summary>One generated image as JSON: where it was saved and what it is.</summary>
internal sealed class ImageOutput
{
    /// <summary>1-based position in the result.</summary>
    public int Index { get; init; }

    /// <summary>Full path of the saved file.</summary>
    public string? Path { get; init; }

    /// <summary>The provider's URL (null when the provider returned the bytes inline).</summary>
    public string? Url { get; init; }

    /// <summary>MIME type.</summary>
    public string? ContentType { get; init; }

    /// <summary>Width in pixels.</summary>
    public int? Width { get; init; }

    /// <summary>Height in pixels.</summary>
    public int? Height { get; init; }

    /// <summary>Size of the saved file in bytes.</summary>
    public long? Bytes { get; init; }

    /// <summary>Lower-case hex SHA-256 of the saved file.</summary>
    public string? Sha256 { get; init; }

    /// <summary>The seed of this image, when the provider reports one per image.</summary>
    public long? Seed { get; init; }

    /// <summary>When the provider's URL stops working, when known.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>True when the saved file carries a C2PA Content Credentials manifest.</summary>
    public bool C2pa { get; init; }
}
