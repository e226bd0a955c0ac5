namespace Flux2.Client;

/// <summary>The project's size presets: each means the same pixels on every provider.</summary>
public static class Flux2Sizes
{
    /// <summary>Preset names and their pixels; <c>portrait_9_16</c> is an alias of <c>portrait_16_9</c>.</summary>
    public static IReadOnlyDictionary<string, (int Width, int Height)> Presets { get; } =
        new Dictionary<string, (int, int)>(StringComparer.OrdinalIgnoreCase)
        {
            ["square_hd"] = (1024, 1024),
            ["square"] = (1024, 1024),
            ["portrait_4_3"] = (864, 1152),
            ["portrait_16_9"] = (768, 1344),
            ["portrait_9_16"] = (768, 1344),
            ["landscape_4_3"] = (1152, 864),
            ["landscape_16_9"] = (1344, 768),
        };

    /// <summary>The default size when a request names none.</summary>
    public const int DefaultWidth = 1024;

    /// <summary>The default size when a request names none.</summary>
    public const int DefaultHeight = 1024;

    /// <summary>
    /// Reads a preset name or "WIDTHxHEIGHT" into pixels.
    /// </summary>
    /// <returns>False with a message naming the allowed values when the text is neither.</returns>
    public static bool TryParse(string? size, out int width, out int height, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(size))
        {
            (width, height) = (DefaultWidth, DefaultHeight);
            return true;
        }

        string text = size.Trim();
        if (Presets.TryGetValue(text, out var preset))
        {
            (width, height) = preset;
            return true;
        }

        int x = text.IndexOfAny(['x', 'X', '*']);
        if (x > 0
            && int.TryParse(text.AsSpan(0, x), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out width)
            && int.TryParse(text.AsSpan(x + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out height)
            && width > 0 && height > 0)
        {
            return true;
        }

        (width, height) = (0, 0);
        error = $"size '{size}' is not a preset or WIDTHxHEIGHT; allowed: {string.Join(", ", Presets.Keys)}, or WIDTHxHEIGHT such as 1024x768.";
        return false;
    }
}
