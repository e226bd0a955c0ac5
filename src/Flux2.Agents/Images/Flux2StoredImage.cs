namespace Flux2.Agents;

/// <summary>An image kept in the image store under its id.</summary>
public sealed record Flux2StoredImage
{
    /// <summary>The id.</summary>
    public required string Id { get; init; }

    /// <summary>The bytes.</summary>
    public required ReadOnlyMemory<byte> Data { get; init; }

    /// <summary>The MIME type.</summary>
    public required string ContentType { get; init; }

    /// <summary>Width in pixels, when known.</summary>
    public int? Width { get; init; }

    /// <summary>Height in pixels, when known.</summary>
    public int? Height { get; init; }

    /// <summary>The resource URI, flux2://images/{id}.</summary>
    public string Uri => Flux2ImageUris.For(Id);
}
