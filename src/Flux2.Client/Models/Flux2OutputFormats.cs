namespace Flux2.Client;

/// <summary>The image file formats a request can ask for.</summary>
public static class Flux2OutputFormats
{
    /// <summary>Lossless PNG.</summary>
    public const string Png = "png";

    /// <summary>JPEG.</summary>
    public const string Jpeg = "jpeg";

    /// <summary>WebP.</summary>
    public const string Webp = "webp";

    /// <summary>Every format name.</summary>
    public static IReadOnlyList<string> All { get; } = [Png, Jpeg, Webp];

    /// <summary>The MIME type of a format name ("jpg" is read as jpeg).</summary>
    public static string ContentType(string format) => format.ToLowerInvariant() switch
    {
        Png => "image/png",
        Jpeg or "jpg" => "image/jpeg",
        Webp => "image/webp",
        _ => "application/octet-stream",
    };
}
