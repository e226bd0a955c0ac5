namespace Flux2.Client;

/// <summary>One image of a fal output; every field but <see cref="Url"/> may be absent.</summary>
internal sealed record FalImage
{
    /// <summary>A CDN URL, or a data URI in sync mode.</summary>
    public string? Url { get; init; }

    /// <summary>MIME type.</summary>
    public string? ContentType { get; init; }

    /// <summary>File name.</summary>
    public string? FileName { get; init; }

    /// <summary>Size in bytes.</summary>
    public long? FileSize { get; init; }

    /// <summary>Width in pixels.</summary>
    public int? Width { get; init; }

    /// <summary>Height in pixels.</summary>
    public int? Height { get; init; }
}
