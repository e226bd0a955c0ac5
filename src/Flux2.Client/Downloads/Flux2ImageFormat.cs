namespace Flux2.Client;

/// <summary>An image file format recognised by its magic bytes.</summary>
/// <param name="ContentType">The MIME type, e.g. image/png.</param>
/// <param name="Extension">The usual file extension, with its dot, e.g. ".png".</param>
internal sealed record Flux2ImageFormat(string ContentType, string Extension)
{
    /// <summary>PNG.</summary>
    public static Flux2ImageFormat Png { get; } = new("image/png", ".png");

    /// <summary>JPEG.</summary>
    public static Flux2ImageFormat Jpeg { get; } = new("image/jpeg", ".jpg");

    /// <summary>WebP.</summary>
    public static Flux2ImageFormat Webp { get; } = new("image/webp", ".webp");

    /// <summary>GIF.</summary>
    public static Flux2ImageFormat Gif { get; } = new("image/gif", ".gif");

    /// <summary>AVIF.</summary>
    public static Flux2ImageFormat Avif { get; } = new("image/avif", ".avif");

    /// <summary>HEIF/HEIC.</summary>
    public static Flux2ImageFormat Heif { get; } = new("image/heif", ".heic");

    /// <summary>Every format recognised by its magic bytes.</summary>
    public static IReadOnlyList<Flux2ImageFormat> All { get; } = [Png, Jpeg, Webp, Gif, Avif, Heif];

    /// <summary>Extensions of image formats not recognised by their bytes: a file named so is replaced, not appended to.</summary>
    private static readonly HashSet<string> OtherImageExtensions =
        new([".bmp", ".dib", ".tif", ".tiff", ".ico", ".svg", ".jxl", ".jp2", ".psd", ".raw"], StringComparer.OrdinalIgnoreCase);

    /// <summary>True when <paramref name="extension"/> (with its dot) names some image format.</summary>
    public static bool IsImageExtension(string extension) =>
        OtherImageExtensions.Contains(extension) || All.Any(format => format.Matches(extension));

    /// <summary>True when <paramref name="extension"/> (with its dot) is a usual extension of this format.</summary>
    public bool Matches(string extension) => this switch
    {
        _ when string.Equals(extension, Extension, StringComparison.OrdinalIgnoreCase) => true,
        _ when ReferenceEquals(this, Jpeg) => extension.ToUpperInvariant() is ".JPEG" or ".JPE" or ".JFIF",
        _ when ReferenceEquals(this, Heif) => extension.ToUpperInvariant() is ".HEIF" or ".HEICS" or ".HEIFS",
        _ => false,
    };
}
