namespace Flux2.Simulator.Imaging;

/// <summary>Parsing and naming of <see cref="SimImageFormat"/> values.</summary>
internal static class SimImageFormats
{
    /// <summary>Parses a format name (png, jpeg, jpg, webp; case-insensitive).</summary>
    public static bool TryParse(string? value, out SimImageFormat format)
    {
        switch (value?.Trim().ToUpperInvariant())
        {
            case "PNG":
                format = SimImageFormat.Png;
                return true;
            case "JPEG":
            case "JPG":
                format = SimImageFormat.Jpeg;
                return true;
            case "WEBP":
                format = SimImageFormat.Webp;
                return true;
            default:
                format = default;
                return false;
        }
    }

    /// <summary>The MIME type of a format.</summary>
    public static string ContentType(SimImageFormat format) => format switch
    {
        SimImageFormat.Jpeg => "image/jpeg",
        SimImageFormat.Webp => "image/webp",
        _ => "image/png",
    };

    /// <summary>The file extension of a format, without the dot.</summary>
    public static string Extension(SimImageFormat format) => format switch
    {
        SimImageFormat.Jpeg => "jpeg",
        SimImageFormat.Webp => "webp",
        _ => "png",
    };
}
