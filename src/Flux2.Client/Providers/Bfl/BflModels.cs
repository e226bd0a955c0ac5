namespace Flux2.Client;

/// <summary>
/// The request shapes of BFL's own API (api.bfl.ai), one row per model, from BFL's openapi.json: paths, numbered
/// <c>input_image</c> fields (klein at most 4), formats (klein jpeg|png only), list prices (1 credit = $0.01), and the
/// klein <c>-finetuned</c> endpoints that apply one finetune (<c>finetune_id</c>, <c>finetune_strength</c>); and the FLUX 3 family
/// (FLUX 3 Image, Klein, 3.1) with their own request shapes.
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

        // FLUX 3 Image (POST /v1/flux-3-image, https://docs.bfl.ai/flux_3/flux3_image_overview; the strict schema copied by Comfy
        // Router): prompt, images (1-10), aspect_ratio, resolution, grounding (default on), safety_tolerance 0-4, version. Anything
        // else is a 422, so seed, size, steps, guidance and output_format are never sent. Layout boxes go in the prompt (0-1000 grid).
        // Prices per image by tier from bfl.ai/pricing (1.5k: $0.07 per LaoZhang's 2026-12-03 check; one earlier source had none).
        Flux3Catalog.Row(Flux2Providers.Bfl, Flux2Models.Flux3Image, "flux-3-image") with
        {
            Grounding = true,
            TierPrices = Prices(0.041m, 0.048m, 0.07m, 0.10m, 0.607m),
        },

        // FLUX 3 Image Klein: the path /v1/flux-3-image-klein and a body equal to FLUX 3's are presumed (the AI SDK's naming, a
        // gateway saying the two take the same fields); BFL's Klein page was not read. Prices from the Vercel gateway and gateways
        // quoting bfl.ai ($0.009 at 768sq and 1k, 0.011, 0.014, 0.036).
        Flux3Catalog.Row(Flux2Providers.Bfl, Flux2Models.Flux3ImageKlein, "flux-3-image-klein") with
        {
            Grounding = true,
            TierPrices = Prices(0.009m, 0.009m, 0.011m, 0.014m, 0.036m),
            AttemptTimeout = TimeSpan.FromSeconds(60),
        },

        // FLUX 3.1 Image: the path /v1/flux-3.1-image is presumed (the model id; no BFL page confirming it was read). Its own body
        // (https://docs.bfl.ai/flux_3_1/flux31_image_bounding_boxes): prompt, images, aspect_ratio (adds match_first_image),
        // resolution, mode fast|quality, bounding_boxes (1-32, [y_min, x_min, y_max, x_max] fractions). Seed and steps are rejected.
        // Grounding, safety_tolerance and output format are unknown for 3.1, so none is sent (a warning says so); prices unpublished.
        Flux3Catalog.Row(Flux2Providers.Bfl, Flux2Models.Flux31Image, "flux-3.1-image") with
        {
            AspectRatios = Flux3Catalog.AspectRatios31,
            Layout = Flux2LayoutEncoding.BoundingBoxes,
            Modes = Flux2Modes.All,
            SafetyTolerance = null,
        },
    ];

    /// <summary>Per-image prices of the five tiers, smallest first.</summary>
    private static Dictionary<string, decimal> Prices(decimal r768, decimal r1k, decimal r15k, decimal r2k, decimal r4k) => new()
    {
        [Flux2Resolutions.R768Square] = r768,
        [Flux2Resolutions.R1K] = r1k,
        [Flux2Resolutions.R1Point5K] = r15k,
        [Flux2Resolutions.R2K] = r2k,
        [Flux2Resolutions.R4K] = r4k,
    };

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
