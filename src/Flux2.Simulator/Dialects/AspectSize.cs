using System.Globalization;

namespace Flux2.Simulator.Dialects;

/// <summary>The pixels a provider makes for an aspect ratio and an area in megapixels (1 MP = 1024 x 1024, sides in multiples of 16).</summary>
internal static class AspectSize
{
    /// <summary>Width and height for "W:H" at <paramref name="megapixels"/>, or null when the ratio cannot be read.</summary>
    public static (int Width, int Height)? Of(string aspect, double megapixels)
    {
        var parts = aspect.Split(':');
        if (parts.Length != 2
            || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var a)
            || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var b) || a <= 0 || b <= 0)
        {
            return null;
        }

        var ratio = a / b;
        var total = megapixels * 1024 * 1024;
        return (RoundTo16(Math.Sqrt(total * ratio)), RoundTo16(Math.Sqrt(total / ratio)));
    }

    private static int RoundTo16(double value) => Math.Max(16, (int)Math.Round(value / 16, MidpointRounding.AwayFromZero) * 16);
}
