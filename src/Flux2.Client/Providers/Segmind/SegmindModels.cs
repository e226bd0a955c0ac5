namespace Flux2.Client;

/// <summary>
/// The request shapes of Segmind's FLUX.2 endpoints, from Segmind's API pages: pro/flex take width/height, an integer
/// safety_tolerance and <c>image_urls</c> (marked required: sent as [] when there are none); klein-4b/9b take another
/// body: <c>aspect_ratio</c> (no pixels), <c>cfg</c>, <c>steps</c>, <c>image_format</c>, no seed, no safety tolerance.
/// Prices are Segmind's published per-run estimates (pro ~$0.073, flex ~$0.172, klein-4b ~$0.033); klein-9b has none.
/// </summary>
internal static class SegmindModels
{
    private static readonly IReadOnlyList<string> Formats = [Flux2OutputFormats.Jpeg, Flux2OutputFormats.Png, Flux2OutputFormats.Webp];

    /// <summary>Segmind passes BFL's integer safety_tolerance 0..5 through (unverified).</summary>
    public static Flux2Range SafetyTolerance { get; } = new(0, 5, 2);

    /// <summary>The aspect ratios the klein endpoints take (besides match_input_image).</summary>
    public static IReadOnlyList<string> KleinAspectRatios { get; } = ["1:1", "16:9", "9:16", "4:3", "3:4", "3:2", "2:3", "5:4", "4:5"];

    /// <summary>Every row.</summary>
    public static IReadOnlyList<Flux2ModelCapabilities> All { get; } =
    [
        Row(Flux2Models.Pro, "flux-2-pro", 8, PerRun(0.073m)),
        Row(Flux2Models.Flex, "flux-2-flex", 8, PerRun(0.172m)) with
        {
            Steps = new Flux2Range(1, 50, 50),
            Guidance = new Flux2Range(1.5, 10, 5),
        },
        Klein(Flux2Models.Klein4B, "flux-2-klein-4b", PerRun(0.033m)),
        Klein(Flux2Models.Klein9B, "flux-2-klein-9b", null),
    ];

    /// <summary>A per-image price that does not grow with the size (Segmind publishes per-run estimates).</summary>
    private static Flux2Pricing PerRun(decimal usd) => new(usd, 0m, 0m);

    private static Flux2ModelCapabilities Klein(string model, string slug, Flux2Pricing? pricing) => Row(model, slug, 4, pricing) with
    {
        SafetyTolerance = null,
        SupportsSeed = false,
        SizeEncoding = Flux2SizeEncoding.AspectRatio,
        AspectRatios = KleinAspectRatios,
        ReferencesAlwaysSent = false,
        Guidance = new Flux2Range(1, 20, 5),
        GuidanceField = "cfg",
        Steps = new Flux2Range(1, 50, 4),
        FormatField = "image_format",
    };

    private static Flux2ModelCapabilities Row(string model, string slug, int maxReferences, Flux2Pricing? pricing) => new()
    {
        Provider = Flux2Providers.Segmind,
        Model = model,
        ProviderModelId = slug,
        MaxImagesPerRequest = 1,
        MaxImages = 4,
        MaxReferenceImages = maxReferences,
        SafetyTolerance = SafetyTolerance,
        MinSide = 256,
        MaxSide = 2048,
        SizeMultiple = 16,
        MaxMegapixels = 4.194304,
        OutputFormats = Formats,
        DefaultOutputFormat = Flux2OutputFormats.Jpeg,
        ReferenceField = "image_urls",
        ReferencesAlwaysSent = true,
        GuidanceField = "guidance",
        StepsField = "steps",
        Pricing = pricing,
        AttemptTimeout = Flux2Models.IsFast(model) ? TimeSpan.FromSeconds(30) : TimeSpan.FromSeconds(60),
    };
}
