namespace Flux2.Client;

/// <summary>
/// The request shapes of BFL's own API (api.bfl.ai), one row per model, from BFL's openapi.json: paths, numbered
/// <c>input_image</c> fields (klein at most 4), formats (klein jpeg|png only), list prices (1 credit = $0.01), and the
/// klein <c>-finetuned</c> endpoints that apply one finetune (<c>finetune_id</c>, <c>finetune_strength</c>).
/// </summary>
internal static class BflModels
{
    private static readonly IReadOnlyList<string> Formats = [Flux2OutputFormats.Jpeg, Flux2OutputFormats.Png, Flux2OutputFormats.Webp];

    /// <summary>klein-4b takes jpeg|png only; only the 9b preview adds webp, so klein-9b is held to the same two.</summary>
    private static readonly IReadOnlyList<string> KleinFormats = [Flux2OutputFormats.Jpeg, Flux2OutputFormats.Png];

    /// <summary>BFL's integer safety_tolerance 0 (strictest) .. 5, default 2.</summary>
    public static Flux2Range SafetyTolerance { get; } = new(0, 5, 2);

    /// <summary>Every row, one per model BFL serves.</summary>
    public static IReadOnlyList<Flux2ModelCapabilities> All { get; } =
    [
        Row(Flux2Models.Pro, "flux-2-pro", maxReferences: 8, new Flux2Pricing(0.03m, 0.015m, 0.015m)),
        Row(Flux2Models.Max, "flux-2-max", maxReferences: 8, new Flux2Pricing(0.07m, 0.03m, 0.03m)),
        Row(Flux2Models.Flex, "flux-2-flex", maxReferences: 8, new Flux2Pricing(0.05m, 0.05m, 0.05m)) with
        {
            Steps = new Flux2Range(1, 50, 50),
            Guidance = new Flux2Range(1.5, 10, 5),
        },
        Row(Flux2Models.Klein4B, "flux-2-klein-4b", maxReferences: 4, new Flux2Pricing(0.014m, 0.001m, 0.001m)) with
        {
            OutputFormats = KleinFormats,
            Loras = Finetuned("flux-2-klein-4b-finetuned"),
        },
        Row(Flux2Models.Klein9B, "flux-2-klein-9b", maxReferences: 4, new Flux2Pricing(0.015m, 0.002m, 0.002m)) with
        {
            OutputFormats = KleinFormats,
            Loras = Finetuned("flux-2-klein-9b-finetuned"),
        },
    ];

    /// <summary>
    /// A klein finetuned endpoint: one finetune by id. Its strength range for FLUX.2 is unpublished (FLUX.1: 0..2), so the
    /// project's 0..4 scale is sent as it is; the price is unpublished, so the estimate is unknown.
    /// </summary>
    private static Flux2LoraSupport Finetuned(string path) => new()
    {
        ModelId = path,
        MaxLoras = 1,
        Finetune = true,
        Pricing = null,
    };

    private static Flux2ModelCapabilities Row(string model, string path, int maxReferences, Flux2Pricing pricing) => new()
    {
        Provider = Flux2Providers.Bfl,
        Model = model,
        ProviderModelId = path,
        MaxImagesPerRequest = 1,
        MaxImages = 4,
        MaxReferenceImages = maxReferences,
        SafetyTolerance = SafetyTolerance,
        MinSide = 64,
        MaxSide = 2048,
        SizeMultiple = 16,
        MaxMegapixels = 4.194304,
        OutputFormats = Formats,
        DefaultOutputFormat = Flux2OutputFormats.Jpeg,
        ReferenceField = Flux2RequestTuning.BflNumberedField,
        GuidanceField = "guidance",
        StepsField = "steps",
        Pricing = pricing,
        AttemptTimeout = Flux2Models.IsFast(model) ? TimeSpan.FromSeconds(30) : TimeSpan.FromSeconds(60),
    };
}
