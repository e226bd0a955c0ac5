using System.Globalization;

namespace Flux2.Simulator.Dialects.Flux3;

/// <summary>
/// The FLUX 3 family's output sizes: an aspect ratio preset and a resolution tier whose area is the tier's side squared
/// (768sq = 768 x 768 px, about 0.6 MP; 1k = 1 MP, 16:9 = 1360x768; 1.5k = 2.4 MP, 16:9 = 2048x1152; 2k = 4.2 MP,
/// 1:1 = 2048x2048; 4k = 16.8 MP, 16:9 = 5456x3072), sides in multiples of 16. FLUX 3.1 also takes megapixel presets ("1MP").
/// </summary>
internal static class Flux3Sizes
{
    /// <summary>The fixed aspect ratio presets (auto and match_first_image aside).</summary>
    public static readonly string[] AspectRatios = ["21:9", "2:1", "16:9", "3:2", "7:5", "4:3", "5:4", "1:1", "4:5", "3:4", "5:7", "2:3", "9:16", "1:2", "9:21"];

    /// <summary>The largest area any preset asks for: the 4k tier, 4096 x 4096 px.</summary>
    private const double MaxMegapixels = 16;

    /// <summary>The area in megapixels (1 MP = 1024 x 1024 px) of a tier (768sq, 1k, 1.5k, 2k, 4k, fal's 512sq; k in either case), or of an "&lt;n&gt;MP" preset when allowed.</summary>
    public static bool TryMegapixels(string? resolution, bool megapixelPresets, out double megapixels)
    {
        megapixels = resolution?.ToLowerInvariant() switch
        {
            "512sq" => 0.25,
            "768sq" => 0.5625,
            "1k" => 1,
            "1.5k" => 2.25,
            "2k" => 4,
            "4k" => 16,
            _ => 0,
        };
        if (megapixels > 0)
        {
            return true;
        }

        return megapixelPresets && resolution is { Length: > 2 } && resolution.EndsWith("MP", StringComparison.Ordinal)
            && double.TryParse(resolution[..^2], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out megapixels)
            && megapixels is >= 0.1 and <= MaxMegapixels;
    }

    /// <summary>The output pixels of a preset ratio ("16:9") at an area.</summary>
    public static (int Width, int Height) Size(string ratio, double megapixels) =>
        AspectSize.Of(ratio, megapixels) ?? throw new ArgumentException($"'{ratio}' is not an aspect ratio.", nameof(ratio));

    /// <summary>The preset nearest to a width and height (what auto does with a first reference image).</summary>
    public static string Nearest(int width, int height)
    {
        var wanted = Math.Log((double)width / height);
        return AspectRatios.MinBy(r => Math.Abs(Math.Log(Ratio(r)) - wanted))!;
    }

    /// <summary>The priced tier an area falls in (for megapixel presets): 768sq, 1k, 1.5k, 2k or 4k.</summary>
    public static string Tier(double megapixels) => megapixels switch
    {
        <= 0.6 => "768sq",
        <= 1.05 => "1k",
        <= 2.3 => "1.5k",
        <= 4.2 => "2k",
        _ => "4k",
    };

    private static double Ratio(string preset)
    {
        var colon = preset.IndexOf(':', StringComparison.Ordinal);
        return double.Parse(preset[..colon], CultureInfo.InvariantCulture) / double.Parse(preset[(colon + 1)..], CultureInfo.InvariantCulture);
    }
}
