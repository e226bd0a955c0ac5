using System.Globalization;

namespace Flux2.Client;

/// <summary>
/// The size rules of <see cref="Flux2RequestPlanner"/>: exact pixels rounded and clamped to a FLUX.2 row's limits (a resolution tier
/// asks for that area), or the nearest aspect-ratio preset and tier of a FLUX 3 row, each change said in a warning.
/// </summary>
internal static class Flux2SizePlanner
{
    /// <summary>The size on a row that takes pixels: the asked size (or a tier's area, square), rounded and clamped.</summary>
    public static Flux2SizePlan ForPixels(Flux2ImageRequest request, Flux2ModelCapabilities row, string where)
    {
        var warnings = new List<string>();
        (int askedWidth, int askedHeight) = Asked(request);
        string asked = $"size {askedWidth}x{askedHeight}";
        if (Flux2Resolutions.Normalize(request.Resolution) is { } tier)
        {
            if (string.IsNullOrWhiteSpace(request.Size))
            {
                int side = (int)Math.Round(Math.Sqrt(Flux2Resolutions.Megapixels(tier) * 1_000_000));
                (askedWidth, askedHeight) = (side, side);
                asked = $"resolution {tier} ({side}x{side})";
            }
            else
            {
                warnings.Add($"resolution {tier} was ignored: {where} takes an exact size, and size {request.Size!.Trim()} was given.");
            }
        }

        (int width, int height) = Flux2RequestPlanner.MapSize(askedWidth, askedHeight, row);
        if (width != askedWidth || height != askedHeight)
        {
            warnings.Add($"{asked} was adjusted to {width}x{height}: {where} needs multiples of {row.SizeMultiple}, sides {row.MinSide}-{row.MaxSide}{(row.MaxMegapixels is { } mp ? string.Create(CultureInfo.InvariantCulture, $", at most {mp:0.##} MP") : "")}.");
        }

        return new Flux2SizePlan { Width = width, Height = height, Warnings = warnings };
    }

    /// <summary>
    /// The size on a FLUX 3 row: the asked tier (or the one nearest the asked size's area, else the row's default) and the aspect
    /// preset nearest the asked size. No size leaves the ratio to the provider (auto), except with a layout (boxes are drawn on a
    /// frame: 1:1) or references on a model that can keep the first image's framing (match_first_image).
    /// </summary>
    public static Flux2SizePlan ForTiers(Flux2ImageRequest request, Flux2ModelCapabilities row, string where)
    {
        var warnings = new List<string>();
        bool sized = !string.IsNullOrWhiteSpace(request.Size);
        (int askedWidth, int askedHeight) = Asked(request);
        string? asked = Flux2Resolutions.Normalize(request.Resolution);
        string tier = asked
            ?? (sized ? Flux2Resolutions.Nearest(askedWidth * (double)askedHeight / 1_000_000, row.Resolutions) : row.DefaultResolution ?? row.Resolutions[0]);
        if (!row.Resolutions.Contains(tier))
        {
            string offered = Flux2Resolutions.Nearest(Flux2Resolutions.Megapixels(tier), row.Resolutions);
            warnings.Add($"resolution {tier} is not offered by {where} (allowed: {string.Join(", ", row.Resolutions)}); {offered} is used.");
            tier = offered;
        }

        string? ratio = sized
            ? Flux2AspectSizes.NearestRatio(askedWidth, askedHeight, row.AspectRatios)
            : request.Layout.Count > 0 ? "1:1"
            : request.ReferenceImages.Count > 0 && row.AspectRatios.Contains(MatchFirstImage) ? MatchFirstImage
            : null;
        (int width, int height) = Flux2AspectSizes.ExpectedForArea(ratio is null or MatchFirstImage ? "1:1" : ratio, Flux2Resolutions.Megapixels(tier) * 1_000_000);
        if (sized)
        {
            warnings.Add($"size {askedWidth}x{askedHeight} goes out as aspect_ratio {ratio} at resolution {tier}: {where} takes no exact size, so about {width}x{height} comes back (the result's size is read from the image).");
        }
        else if (request.Layout.Count > 0)
        {
            warnings.Add($"the layout is placed on a 1:1 frame at resolution {tier}, since no size was given; give a size for another shape.");
        }

        return new Flux2SizePlan { Width = width, Height = height, AspectRatio = ratio, Resolution = tier, Warnings = warnings };
    }

    /// <summary>The asked size in pixels (validated already: the planner refuses a size that does not parse).</summary>
    private static (int Width, int Height) Asked(Flux2ImageRequest request) =>
        Flux2Sizes.TryParse(request.Size, out int width, out int height, out string? error)
            ? (width, height)
            : throw new Flux2Exception(Flux2ErrorKind.InvalidArgument, error!) { Parameter = "size" };

    /// <summary>FLUX 3.1's aspect ratio that keeps the first reference image's framing.</summary>
    public const string MatchFirstImage = "match_first_image";
}
