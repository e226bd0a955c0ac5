namespace Flux2.Client;

/// <summary>One generated image: where it is (a provider URL) or its bytes, and what it is.</summary>
public sealed class Flux2Image
{
    /// <summary>The provider's URL of the image; null when the provider returned bytes.</summary>
    public Uri? Url { get; init; }

    /// <summary>The image bytes when the provider returned them inline (data URI, base64 or a raw body).</summary>
    public ReadOnlyMemory<byte>? Data { get; init; }

    /// <summary>The MIME type, e.g. image/png, when known.</summary>
    public string? ContentType { get; init; }

    /// <summary>Width in pixels, when known.</summary>
    public int? Width { get; init; }

    /// <summary>Height in pixels, when known.</summary>
    public int? Height { get; init; }

    /// <summary>When the provider's URL stops working, when known (BFL about 10 minutes, Replicate about 1 hour).</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>The seed of this image when the provider reports one per image (fan-out), else null.</summary>
    public long? Seed { get; init; }

    /// <summary>A copy carrying <paramref name="seed"/> (fan-out calls each report their own).</summary>
    internal Flux2Image WithSeed(long? seed) => new()
    {
        Url = Url,
        Data = Data,
        ContentType = ContentType,
        Width = Width,
        Height = Height,
        ExpiresAt = ExpiresAt,
        Seed = seed,
    };
}
