using System.Globalization;

namespace Flux2.Client;

/// <summary>
/// Maps pixels to a Replicate FLUX.2 model's size fields, following the row's <see cref="Flux2ModelCapabilities.SizeEncoding"/>:
/// pro/max/flex say an exact aspect ratio at a whole megapixel count (1 MP = 1024 x 1024) as <c>aspect_ratio</c> +
/// <c>resolution</c>, anything else as <c>custom</c> pixels; dev always as <c>custom</c> pixels; klein, which takes no
/// pixels, as the nearest aspect ratio and <c>output_megapixels</c>, with a warning naming the size it will return.
/// </summary>
internal static class ReplicateSizes
{
    private const double MegapixelPixels = 1024 * 1024;

    /// <summary>Chooses the fields for a width x height on one model.</summary>
    public static ReplicateSize Map(int width, int height, Flux2ModelCapabilities row)
    {
        ArgumentNullException.ThrowIfNull(row);
        switch (row.SizeEncoding)
        {
            case Flux2SizeEncoding.AspectRatioAndMegapixels:
            {
                string ratio = Flux2AspectSizes.NearestRatio(width, height, row.AspectRatios);
                double megapixels = Flux2AspectSizes.NearestMegapixels(width, height, row.MegapixelChoices);
                (int w, int h) = Flux2AspectSizes.Expected(ratio, megapixels);
                string? warning = w != width || h != height
                    ? $"Replicate {row.Model} takes no exact pixels: {width}x{height} was sent as aspect_ratio {ratio} at {megapixels.ToString(CultureInfo.InvariantCulture)} MP, which returns about {w}x{h}."
                    : null;
                return new ReplicateSize(ratio, null, null, null, warning, megapixels, (w, h));
            }

            case Flux2SizeEncoding.AspectRatioAndResolution:
                foreach (string ratio in row.AspectRatios)
                {
                    if (Flux2AspectSizes.Ratio(ratio) is not { } r || Math.Abs(width / (double)height - r) > 1e-9)
                    {
                        continue;
                    }

                    double megapixels = width * (double)height / MegapixelPixels;
                    int whole = (int)Math.Round(megapixels);
                    if (whole is >= 1 and <= 4 && Math.Abs(megapixels - whole) <= 0.02 * whole)
                    {
                        return new ReplicateSize(ratio, $"{whole} MP", null, null, null);
                    }

                    break;
                }

                return Custom(width, height, row);

            default:
                return Custom(width, height, row);
        }
    }

    private static ReplicateSize Custom(int width, int height, Flux2ModelCapabilities row)
    {
        int sentWidth = Fit(width, row);
        int sentHeight = Fit(height, row);
        string? warning = sentWidth != width || sentHeight != height
            ? $"Replicate {row.Model} accepts custom sizes of {row.MinSide}..{row.MaxSide} px in multiples of {row.SizeMultiple}: {width}x{height} was sent as {sentWidth}x{sentHeight}."
            : null;
        return new ReplicateSize("custom", null, sentWidth, sentHeight, warning);
    }

    private static int Fit(int side, Flux2ModelCapabilities row)
    {
        int m = Math.Max(1, row.SizeMultiple);
        int rounded = (int)Math.Round(side / (double)m, MidpointRounding.AwayFromZero) * m;
        return Math.Clamp(rounded, (row.MinSide + m - 1) / m * m, row.MaxSide / m * m);
    }
}
