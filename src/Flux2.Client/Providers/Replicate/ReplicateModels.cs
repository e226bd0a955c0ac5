namespace Flux2.Client;

/// <summary>
/// The request shapes of Replicate's official FLUX.2 models, one row per model, from each model's published version
/// schema: pro/max/flex take <c>input_images</c>, <c>aspect_ratio</c> + <c>resolution</c> (or <c>custom</c> pixels) and an
/// integer safety_tolerance; dev takes custom pixels up to 1440 and no resolution or safety_tolerance; klein takes
/// <c>images</c> (at most 5), an aspect ratio and <c>output_megapixels</c>, and no exact pixels at all.
/// Replicate publishes no dollar figure here: the estimate is unknown rather than another provider's price.
/// </summary>
internal static class ReplicateModels
{
    private static readonly IReadOnlyList<string> Formats = [Flux2OutputFormats.Webp, Flux2OutputFormats.Jpeg, Flux2OutputFormats.Png];

    /// <summary>Replicate's integer safety_tolerance 1 (strictest) .. 5, default 2.</summary>
    public static Flux2Range SafetyTolerance { get; } = new(1, 5, 2);

    /// <summary>The aspect ratios Replicate's FLUX.2 models accept besides custom and match_input_image.</summary>
    public static IReadOnlyList<string> AspectRatios { get; } = ["1:1", "16:9", "9:16", "3:2", "2:3", "4:3", "3:4", "5:4", "4:5"];

    /// <summary>Every row.</summary>
    public static IReadOnlyList<Flux2ModelCapabilities> All { get; } =
    [
        Row(Flux2Models.Pro, "black-forest-labs/flux-2-pro", 8),
        Row(Flux2Models.Max, "black-forest-labs/flux-2-max", 8) with { SizeMultiple = 16 },
        Row(Flux2Models.Flex, "black-forest-labs/flux-2-flex", 10) with
        {
            // Replicate's flex schema (defaults unverified): steps 1..50, guidance 1.5..10.
            Steps = new Flux2Range(1, 50, 30),
            Guidance = new Flux2Range(1.5, 10, 4.5),
        },
        Row(Flux2Models.Dev, "black-forest-labs/flux-2-dev", 4) with
        {
            // Version 7bba46bd: no resolution, custom width/height 256..1440 in multiples of 32, disable_safety_checker only.
            SafetyTolerance = null,
            SizeEncoding = Flux2SizeEncoding.CustomPixels,
            MaxSide = 1440,
            MaxMegapixels = null,
        },
        Row(Flux2Models.Klein4B, "black-forest-labs/flux-2-klein-4b", 5) with
        {
            // Version 8e9c42d7: images (not input_images), aspect_ratio + output_megapixels, output_format default jpg.
            SafetyTolerance = null,
            SizeEncoding = Flux2SizeEncoding.AspectRatioAndMegapixels,
            MegapixelChoices = [0.25, 0.5, 1, 2, 4],
            ReferenceField = "images",
            SizeMultiple = 16,
            MinSide = 64,
            DefaultOutputFormat = Flux2OutputFormats.Jpeg,
        },

        // FLUX 3 Image (https://replicate.com/black-forest-labs/flux-3-image, read 2026-12-04): prompt, images (up to 10),
        // aspect_ratio (auto and 21:9 .. 9:21), resolution 768sq..4k, grounding (on by default), safety_tolerance 0-4, output_format
        // webp|jpg|png, output_quality. The output may be one URL or a list: both are read. Replicate publishes no price here.
        Flux3Catalog.Row(Flux2Providers.Replicate, Flux2Models.Flux3Image, "black-forest-labs/flux-3-image") with
        {
            Grounding = true,
            OutputFormats = Formats,
            DefaultOutputFormat = Flux2OutputFormats.Webp,
        },
    ];

    private static Flux2ModelCapabilities Row(string model, string id, int maxReferences) => new()
    {
        Provider = Flux2Providers.Replicate,
        Model = model,
        ProviderModelId = id,
        MaxImagesPerRequest = 1,
        MaxImages = 4,
        MaxReferenceImages = maxReferences,
        SafetyTolerance = SafetyTolerance,
        MinSide = 256,
        MaxSide = 2048,
        SizeMultiple = 32,
        MaxMegapixels = 4.194304,
        OutputFormats = Formats,
        DefaultOutputFormat = Flux2OutputFormats.Webp,
        SizeEncoding = Flux2SizeEncoding.AspectRatioAndResolution,
        AspectRatios = AspectRatios,
        ReferenceField = "input_images",
        GuidanceField = "guidance",
        StepsField = "steps",
        Pricing = null,
        AttemptTimeout = Flux2Models.IsFast(model) ? TimeSpan.FromSeconds(30) : TimeSpan.FromSeconds(60),
    };
}
