using System.Globalization;

namespace Flux2.Client;

/// <summary>
/// For models that cannot take exact pixels (Replicate klein, Segmind klein): the nearest aspect ratio and megapixel
/// count to a width x height, and the size the provider returns for them (1 MP = 1024 x 1024, sides in multiples of 16).
/// </summary>
internal static class Flux2AspectSizes
{
    private const double MegapixelPixels = 1024 * 1024;

    /// <summary>The ratio from <paramref name="ratios"/> ("16:9") closest to width:height on a logarithmic scale.</summary>
    public static string NearestRatio(int width, int height, IReadOnlyList<string> ratios)
    {
        ArgumentNullException.ThrowIfNull(ratios);
        double asked = Math.Log(width / (double)height);
        return ratios.Where(r => Ratio(r) is not null).MinBy(r => Math.Abs(Math.Log(Ratio(r)!.Value) - asked))
            ?? throw new InvalidOperationException("The capability row lists no aspect ratio.");
    }

    /// <summary>The megapixel choice closest to width x height on a logarithmic scale.</summary>
    public static double NearestMegapixels(int width, int height, IReadOnlyList<double> choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        double asked = Math.Log(width * (double)height / MegapixelPixels);
        return choices.MinBy(c => Math.Abs(Math.Log(c) - asked));
    }

    /// <summary>The pixels a provider makes for a ratio and an area.</summary>
    public static (int Width, int Height) Expected(string ratio, double megapixels)
    {
        double r = Ratio(ratio) ?? 1;
        double total = megapixels * MegapixelPixels;
        int width = RoundTo16(Math.Sqrt(total * r));
        int height = RoundTo16(Math.Sqrt(total / r));
        return (width, height);
    }

    /// <summary>The pixels of a ratio at an area of <paramref name="pixels"/> (sides in multiples of 16), as the FLUX 3 tiers are laid out.</summary>
    public static (int Width, int Height) ExpectedForArea(string ratio, double pixels)
    {
        double r = Ratio(ratio) ?? 1;
        return (RoundTo16(Math.Sqrt(pixels * r)), RoundTo16(Math.Sqrt(pixels / r)));
    }

    /// <summary>Width over height of "W:H", or null when it is not a ratio.</summary>
    public static double? Ratio(string ratio)
    {
        string[] parts = ratio.Split(':');
        return parts.Length == 2
            && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double w)
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double h) && w > 0 && h > 0
            ? w / h
            : null;
    }

    private static int RoundTo16(double value) => Math.Max(16, (int)Math.Round(value / 16, MidpointRounding.AwayFromZero) * 16);
}
