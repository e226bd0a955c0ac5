namespace Flux2.Client;

/// <summary>
/// What the FLUX 3 family's rows share, from BFL's FLUX 3 pages and the providers' model pages (read 2026-12-04): the aspect-ratio
/// presets, the resolution tiers, ten reference images, one image per request (more are fanned out), no seed, steps, guidance or
/// width/height. Each provider's rows start from <see cref="Row"/> and set what differs.
/// </summary>
internal static class Flux3Catalog
{
    /// <summary>BFL's and Replicate's fifteen fixed presets (<c>auto</c> is sent by leaving the field out).</summary>
    public static IReadOnlyList<string> AspectRatios { get; } = ["21:9", "2:1", "16:9", "3:2", "7:5", "4:3", "5:4", "1:1", "4:5", "3:4", "5:7", "2:3", "9:16", "1:2", "9:21"];

    /// <summary>FLUX 3.1 adds <c>match_first_image</c>.</summary>
    public static IReadOnlyList<string> AspectRatios31 { get; } = [.. AspectRatios, Flux2SizePlanner.MatchFirstImage];

    /// <summary>BFL's and Replicate's FLUX 3 safety_tolerance: 0 (strictest) to 4, default 2.</summary>
    public static Flux2Range SafetyTolerance { get; } = new(0, 4, 2);

    /// <summary>A FLUX 3 family row with the shared shape; callers set provider ids, formats, switches and prices.</summary>
    public static Flux2ModelCapabilities Row(string provider, string model, string providerModelId) => new()
    {
        Provider = provider,
        Model = model,
        ProviderModelId = providerModelId,
        MaxImagesPerRequest = 1,
        MaxImages = 4,
        MaxReferenceImages = 10,
        ReferenceField = "images",
        SupportsSeed = false,
        SizeEncoding = Flux2SizeEncoding.AspectRatioAndTier,
        AspectRatios = AspectRatios,
        Resolutions = Flux2Resolutions.All,
        DefaultResolution = Flux2Resolutions.R1K,
        MinSide = 256,
        MaxSide = 5456,
        SizeMultiple = 16,
        Layout = Flux2LayoutEncoding.InPrompt,
        MaxLayoutBoxes = Flux2RequestPlanner.MaxLayoutBoxes,
        RevisesPrompt = true,
        SafetyTolerance = SafetyTolerance,
        OutputFormats = [],
        DefaultOutputFormat = Flux2OutputFormats.Jpeg,
        AttemptTimeout = TimeSpan.FromSeconds(120),
    };
}
