namespace Flux2.Agents;

/// <summary>One generated image in a tool result.</summary>
public sealed record Flux2ToolImage
{
    /// <summary>The image's id in the image store (pass it as a reference image or to download_image); null when the image could not be fetched (see warnings).</summary>
    public string? Id { get; init; }

    /// <summary>The resource URI, flux2://images/{id}; null with <see cref="Id"/>.</summary>
    public string? Uri { get; init; }

    /// <summary>The provider's URL, when it returned one (it may expire, see <see cref="UrlExpiresAt"/>).</summary>
    public string? Url { get; init; }

    /// <summary>When the provider's URL stops working, when known.</summary>
    public DateTimeOffset? UrlExpiresAt { get; init; }

    /// <summary>Full path of the saved file, when saved.</summary>
    public string? Path { get; init; }

    /// <summary>Width in pixels.</summary>
    public int? Width { get; init; }

    /// <summary>Height in pixels.</summary>
    public int? Height { get; init; }

    /// <summary>MIME type.</summary>
    public string? ContentType { get; init; }

    /// <summary>Size in bytes.</summary>
    public long? Bytes { get; init; }

    /// <summary>The seed of this image, when the provider reported one per image.</summary>
    public long? Seed { get; init; }

    /// <summary>True when the kept bytes (and the saved file) carry a C2PA Content Credentials manifest, as BFL's outputs do.</summary>
    public bool? C2pa { get; init; }
}
