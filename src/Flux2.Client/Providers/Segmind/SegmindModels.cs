namespace Flux2.Client;

/// <summary>The capability rows of Segmind's FLUX.2 endpoints (no published per-megapixel prices).</summary>
internal static class SegmindModels
{
    private static readonly IReadOnlyList<string> Formats = [Flux2OutputFormats.Jpeg, Flux2OutputFormats.Png, Flux2OutputFormats.Webp];

    /// <summary>Segmind passes BFL's integer safety_tolerance 0..5 through (unverified).</summary>
    public static Flux2Range SafetyTolerance { get; } = new(0, 5, 2);

    /// <summary>Every row.</summary>
    public static IReadOnlyList<Flux2ModelCapabilities> All { get; } =
    [
        Row(Flux2Models.Pro, "flux-2-pro", 8),
        Row(Flux2Models.Flex, "flux-2-flex", 8) with
        {
            Steps = new Flux2Range(1, 50, 50),
            Guidance = new Flux2Range(1.5, 10, 5),
        },
        Row(Flux2Models.Klein4B, "flux-2-klein-4b", 4) with { SafetyTolerance = null },
    ];

    private static Flux2ModelCapabilities Row(string model, string slug, int maxReferences) => new()
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
        AttemptTimeout = Flux2Models.IsFast(model) ? TimeSpan.FromSeconds(30) : TimeSpan.FromSeconds(60),
    };
}
