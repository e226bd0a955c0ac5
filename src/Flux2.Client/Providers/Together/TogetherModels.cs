namespace Flux2.Client;

/// <summary>The capability rows of Together AI's FLUX.2 models.</summary>
internal static class TogetherModels
{
    private static readonly IReadOnlyList<string> Formats = [Flux2OutputFormats.Jpeg, Flux2OutputFormats.Png];

    /// <summary>Every row. Prices of pro/max/flex mirror BFL's list prices (unverified for Together).</summary>
    public static IReadOnlyList<Flux2ModelCapabilities> All { get; } =
    [
        Row(Flux2Models.Pro, "black-forest-labs/FLUX.2-pro", new Flux2Pricing(0.03m, 0.015m, 0.015m)),
        Row(Flux2Models.Max, "black-forest-labs/FLUX.2-max", new Flux2Pricing(0.07m, 0.03m, 0.03m)),
        Row(Flux2Models.Flex, "black-forest-labs/FLUX.2-flex", new Flux2Pricing(0.05m, 0.05m, 0.05m)) with
        {
            Steps = new Flux2Range(1, 50, 28),
            Guidance = new Flux2Range(1, 10, 3.5),
        },
        Row(Flux2Models.Dev, "black-forest-labs/FLUX.2-dev", null) with
        {
            Steps = new Flux2Range(1, 50, 20),
            Guidance = new Flux2Range(1, 10, 3.5),
        },
    ];

    private static Flux2ModelCapabilities Row(string model, string id, Flux2Pricing? pricing) => new()
    {
        Provider = Flux2Providers.Together,
        Model = model,
        ProviderModelId = id,
        MaxImagesPerRequest = 4,
        MaxImages = 4,
        MaxReferenceImages = model == Flux2Models.Dev ? 4 : 8,
        MinSide = 256,
        MaxSide = 2048,
        SizeMultiple = 16,
        MaxMegapixels = 4.194304,
        OutputFormats = Formats,
        DefaultOutputFormat = Flux2OutputFormats.Jpeg,
        Pricing = pricing,
        AttemptTimeout = Flux2Models.IsFast(model) ? TimeSpan.FromSeconds(30) : TimeSpan.FromSeconds(60),
    };
}
