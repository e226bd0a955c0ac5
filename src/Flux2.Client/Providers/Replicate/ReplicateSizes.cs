namespace Flux2.Client;

/// <summary>
/// Maps pixels to Replicate's FLUX.2 size fields. A size that is exactly one of Replicate's aspect ratios at a whole
/// megapixel count (1..4 MP, 1 MP = 1024 x 1024) is sent as <c>aspect_ratio</c> + <c>resolution</c>, which reproduces it;
/// any other size is sent as <c>aspect_ratio: custom</c> with <c>width</c>/<c>height</c> (256..2048, multiples of 32),
/// which keeps the asked pixels instead of snapping them to the nearest megapixel.
/// </summary>
internal static class ReplicateSizes
{
    /// <summary>Smallest custom side.</summary>
    public const int MinSide = 256;

    /// <summary>Largest custom side.</summary>
    public const int MaxSide = 2048;

    /// <summary>Custom sides are multiples of this.</summary>
    public const int Multiple = 32;

    private const double MegapixelPixels = 1024 * 1024;

    /// <summary>The aspect ratios Replicate's FLUX.2 models accept besides custom and match_input_image.</summary>
    public static IReadOnlyList<(int W, int H)> AspectRatios { get; } =
        [(1, 1), (16, 9), (9, 16), (3, 2), (2, 3), (4, 3), (3, 4), (5, 4), (4, 5)];

    /// <summary>Chooses the fields for a width x height.</summary>
    public static ReplicateSize Map(int width, int height)
    {
        foreach (var (w, h) in AspectRatios)
        {
            if ((long)width * h != (long)height * w)
            {
                continue;
            }

            double megapixels = width * (double)height / MegapixelPixels;
            int whole = (int)Math.Round(megapixels);
            if (whole is >= 1 and <= 4 && Math.Abs(megapixels - whole) <= 0.02 * whole)
            {
                return new ReplicateSize($"{w}:{h}", $"{whole} MP", null, null, null);
            }

            break;
        }

        int sentWidth = Fit(width);
        int sentHeight = Fit(height);
        string? warning = sentWidth != width || sentHeight != height
            ? $"Replicate accepts custom sizes of {MinSide}..{MaxSide} px in multiples of {Multiple}: {width}x{height} was sent as {sentWidth}x{sentHeight}."
            : null;
        return new ReplicateSize("custom", null, sentWidth, sentHeight, warning);
    }

    private static int Fit(int side)
    {
        int rounded = (int)Math.Round(side / (double)Multiple, MidpointRounding.AwayFromZero) * Multiple;
        return Math.Clamp(rounded, MinSide, MaxSide);
    }
}
