namespace Flux2.Client;

/// <summary>
/// The request shapes of Together AI's FLUX.2 models, from Together's OpenAPI spec: width/height, <c>n</c>, steps and
/// guidance_scale where the model takes them, <c>reference_images</c> (the only reference field FLUX.2-dev takes; pro
/// and flex also take a single <c>image_url</c>, which is not used), jpeg|png. No FLUX.2 model on Together takes LoRAs.
/// Together publishes no dollar figure for these: the estimate is unknown rather than another provider's price.
/// </summary>
internal static class TogetherModels
{
    private static readonly IReadOnlyList<string> Formats = [Flux2OutputFormats.Jpeg, Flux2OutputFormats.Png];

    /// <summary>Every row.</summary>
    public static IReadOnlyList<Flux2ModelCapabilities> All { get; } =
    [
        Row(Flux2Models.Pro, "black-forest-labs/FLUX.2-pro"),
        Row(Flux2Models.Max, "black-forest-labs/FLUX.2-max"),
        Row(Flux2Models.Flex, "black-forest-labs/FLUX.2-flex") with
        {
            Steps = new Flux2Range(1, 50, 28),
            Guidance = new Flux2Range(1, 10, 3.5),
        },
        Row(Flux2Models.Dev, "black-forest-labs/FLUX.2-dev") with
        {
            Steps = new Flux2Range(1, 50, 20),
            Guidance = new Flux2Range(1, 10, 3.5),
        },
    ];

    private static Flux2ModelCapabilities Row(string model, string id) => new()
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
        ReferenceField = "reference_images",
        StepsField = "steps",
        Pricing = null,
        AttemptTimeout = Flux2Models.IsFast(model) ? TimeSpan.FromSeconds(30) : TimeSpan.FromSeconds(60),
    };
}
