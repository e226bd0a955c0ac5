namespace Flux2.Client;

/// <summary>The capability rows of Replicate's official FLUX.2 models.</summary>
internal static class ReplicateModels
{
    private static readonly IReadOnlyList<string> Formats = [Flux2OutputFormats.Webp, Flux2OutputFormats.Jpeg, Flux2OutputFormats.Png];

    /// <summary>Replicate's integer safety_tolerance 1 (strictest) .. 5, default 2.</summary>
    public static Flux2Range SafetyTolerance { get; } = new(1, 5, 2);

    /// <summary>Every row. Prices of pro/max/flex mirror BFL's list prices (unverified for Replicate); dev follows its per-megapixel rate.</summary>
    public static IReadOnlyList<Flux2ModelCapabilities> All { get; } =
    [
        Row(Flux2Models.Pro, "black-forest-labs/flux-2-pro", 8, new Flux2Pricing(0.03m, 0.015m, 0.015m)),
        Row(Flux2Models.Max, "black-forest-labs/flux-2-max", 8, new Flux2Pricing(0.07m, 0.03m, 0.03m)),
        Row(Flux2Models.Flex, "black-forest-labs/flux-2-flex", 10, new Flux2Pricing(0.06m, 0.06m, 0.06m)) with
        {
            // Replicate's flex schema (unverified defaults): steps 1..50, guidance 1.5..10.
            Steps = new Flux2Range(1, 50, 30),
            Guidance = new Flux2Range(1.5, 10, 4.5),
        },
        // dev has disable_safety_checker instead of safety_tolerance.
        Row(Flux2Models.Dev, "black-forest-labs/flux-2-dev", 4, new Flux2Pricing(0.012m, 0.012m, 0.012m)) with { SafetyTolerance = null },
        Row(Flux2Models.Klein4B, "black-forest-labs/flux-2-klein-4b", 4, null) with { SafetyTolerance = null },
    ];

    private static Flux2ModelCapabilities Row(string model, string id, int maxReferences, Flux2Pricing? pricing) => new()
    {
        Provider = Flux2Providers.Replicate,
        Model = model,
        ProviderModelId = id,
        MaxImagesPerRequest = 1,
        MaxImages = 4,
        MaxReferenceImages = maxReferences,
        SafetyTolerance = SafetyTolerance,
        MinSide = ReplicateSizes.MinSide,
        MaxSide = ReplicateSizes.MaxSide,
        // Custom sizes are rounded by Replicate to multiples of 32 (some versions say 16): send what it keeps.
        SizeMultiple = 32,
        MaxMegapixels = 4.194304,
        OutputFormats = Formats,
        DefaultOutputFormat = Flux2OutputFormats.Webp,
        Pricing = pricing,
        AttemptTimeout = Flux2Models.IsFast(model) ? TimeSpan.FromSeconds(30) : TimeSpan.FromSeconds(60),
    };
}
