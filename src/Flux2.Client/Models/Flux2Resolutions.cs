namespace Flux2.Client;

/// <summary>
/// The resolution tiers of the FLUX 3 family (<c>768sq</c>, <c>1k</c>, <c>1.5k</c>, <c>2k</c>, <c>4k</c>) and their areas as BFL's
/// FLUX 3 documentation gives them (about 0.6, 1, 2.4, 4.2 and 16.8 megapixels). On a FLUX.2 model a tier asks for that area at
/// the requested aspect ratio.
/// </summary>
public static class Flux2Resolutions
{
    /// <summary>About 0.6 MP.</summary>
    public const string R768Square = "768sq";

    /// <summary>About 1 MP (16:9 is 1360x768).</summary>
    public const string R1K = "1k";

    /// <summary>About 2.4 MP (16:9 is 2048x1152).</summary>
    public const string R1Point5K = "1.5k";

    /// <summary>About 4.2 MP (1:1 is 2048x2048).</summary>
    public const string R2K = "2k";

    /// <summary>About 16.8 MP (16:9 is 5456x3072).</summary>
    public const string R4K = "4k";

    /// <summary>Every tier, smallest first.</summary>
    public static IReadOnlyList<string> All { get; } = [R768Square, R1K, R1Point5K, R2K, R4K];

    /// <summary>The area of a tier in megapixels (10^6 pixels).</summary>
    public static double Megapixels(string tier) => tier switch
    {
        R768Square => 0.59,
        R1K => 1.04,
        R1Point5K => 2.36,
        R2K => 4.19,
        R4K => 16.76,
        _ => throw new ArgumentOutOfRangeException(nameof(tier), tier, "Not a resolution tier."),
    };

    /// <summary>The tier's name as the project spells it ("1K" reads as 1k), or null when it is not one.</summary>
    public static string? Normalize(string? tier)
    {
        string? text = tier?.Trim().ToLowerInvariant();
        return text is not null && All.Contains(text) ? text : null;
    }

    /// <summary>The tier of <paramref name="tiers"/> whose area is closest to <paramref name="megapixels"/> on a logarithmic scale.</summary>
    public static string Nearest(double megapixels, IReadOnlyList<string> tiers)
    {
        ArgumentNullException.ThrowIfNull(tiers);
        return tiers.MinBy(t => Math.Abs(Math.Log(Megapixels(t)) - Math.Log(Math.Max(0.01, megapixels))))
            ?? throw new InvalidOperationException("The capability row lists no resolution tier.");
    }
}
