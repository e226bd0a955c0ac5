namespace Flux2.Client;

/// <summary>
/// The request shapes of fal's FLUX.2 apps, one row per model, from fal's per-endpoint schemas: pro/max/flex take
/// <c>image_size</c>, a string safety_tolerance and jpeg|png; dev/klein/flash add <c>num_images</c> and webp; "/edit" apps
/// take <c>image_urls</c>; dev and klein have LoRA apps (<c>loras: [{path, scale}]</c>, at most 3, scale 0..4).
/// Prices are fal's published ones: pro $0.03 + $0.015 per further MP, max $0.07 + $0.03 (inputs count), flex $0.05/MP
/// in and out, dev $0.012/MP, klein-9b $0.006/MP, klein-4b $0.005/MP (fal's guide also says $0.009/$0.014: unresolved),
/// flash $0.005/MP, dev with LoRAs $0.021/MP. Limits marked "unverified" follow the defensive reading where fal's pages were
/// unclear. flux-2-flash is fal's own distilled FLUX.2 [dev] (fal only). The FLUX 3 family's apps follow their own rows below.
/// </summary>
internal static class FalModelCatalog
{
    private static readonly TimeSpan SlowTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan FastTimeout = TimeSpan.FromSeconds(30);
    private static readonly string[] AllFormats = [Flux2OutputFormats.Png, Flux2OutputFormats.Jpeg, Flux2OutputFormats.Webp];
    private static readonly string[] ProFormats = [Flux2OutputFormats.Jpeg, Flux2OutputFormats.Png];

    /// <summary>The rows of a provider named <paramref name="provider"/> (normally "fal").</summary>
    public static IReadOnlyList<Flux2ModelCapabilities> Rows(string provider) =>
    [
        new()
        {
            Provider = provider,
            Model = Flux2Models.Pro,
            ProviderModelId = "fal-ai/flux-2-pro",
            EditModelId = "fal-ai/flux-2-pro/edit",
            MaxImagesPerRequest = 1,
            MaxReferenceImages = 8, // unverified: BFL's limit for pro.
            SafetyTolerance = new(1, 5, 2),
            OutputFormats = ProFormats,
            DefaultOutputFormat = Flux2OutputFormats.Jpeg,
            MinSide = 256,
            MaxSide = 2048,
            SizeMultiple = 16,
            MaxMegapixels = 4,
            Pricing = new(0.03m, 0.015m, 0.015m),
            AttemptTimeout = SlowTimeout,
        },
        new()
        {
            Provider = provider,
            Model = Flux2Models.Max,
            ProviderModelId = "fal-ai/flux-2-max",
            EditModelId = "fal-ai/flux-2-max/edit",
            MaxImagesPerRequest = 1,
            MaxReferenceImages = 8, // unverified.
            SafetyTolerance = new(1, 5, 2),
            OutputFormats = ProFormats,
            DefaultOutputFormat = Flux2OutputFormats.Jpeg,
            MinSide = 256,
            MaxSide = 2048,
            SizeMultiple = 16,
            MaxMegapixels = 4,
            Pricing = new(0.07m, 0.03m, 0.03m),
            AttemptTimeout = SlowTimeout,
        },
        new()
        {
            Provider = provider,
            Model = Flux2Models.Flex,
            ProviderModelId = "fal-ai/flux-2-flex",
            EditModelId = "fal-ai/flux-2-flex/edit",
            MaxImagesPerRequest = 1,
            MaxReferenceImages = 10, // unverified.
            Steps = new(1, 50, 28),
            Guidance = new(1.5, 10, 3.5),
            SafetyTolerance = new(1, 5, 2),
            OutputFormats = ProFormats,
            DefaultOutputFormat = Flux2OutputFormats.Jpeg,
            MinSide = 256,
            MaxSide = 2048,
            SizeMultiple = 16,
            MaxMegapixels = 4,
            Pricing = new(0.05m, 0.05m, 0.05m),
            AttemptTimeout = SlowTimeout,
        },
        Open(provider, Flux2Models.Dev, "fal-ai/flux-2", steps: new(4, 50, 28), guidance: new(0, 20, 2.5), pricing: new(0.012m, 0.012m, 0.012m)) with
        {
            Loras = new Flux2LoraSupport
            {
                ModelId = "fal-ai/flux-2/lora",
                EditModelId = "fal-ai/flux-2/lora/edit",
                MaxReferenceImages = 3,
                Pricing = new(0.021m, 0.021m, 0.021m),
            },
        },
        Open(provider, Flux2Models.Klein4B, "fal-ai/flux-2/klein/4b", steps: new(1, 50, 4), guidance: null, pricing: new(0.005m, 0.005m, 0.005m)) with
        {
            Loras = KleinLoras("fal-ai/flux-2/klein/4b"),
        },
        Open(provider, Flux2Models.Klein9B, "fal-ai/flux-2/klein/9b", steps: new(1, 50, 4), guidance: null, pricing: new(0.006m, 0.006m, 0.006m)) with
        {
            Loras = KleinLoras("fal-ai/flux-2/klein/9b"),
        },
        Open(provider, Flux2Models.Flash, "fal-ai/flux-2/flash", steps: null, guidance: new(0, 20, 2.5), pricing: new(0.005m, 0.005m, 0.005m)),

        // FLUX 3 Image (https://fal.ai/models/blackforestlabs/flux-3/text-to-image and /edit-image, read 2026-12-04): prompt,
        // aspect_ratio, image_urls (edit, 1-10). Two readings of the rest (fal's page, read in part, and an integration note): the
        // tiers 512sq/768sq/1k/2k/4k (no 1.5k) or BFL's five, 14 presets (no 9:21) or BFL's 15: only what both accept is sent,
        // and a 1.5k or 9:21 request goes out as the nearest offered one with a warning. safety_tolerance 0-4, output_format
        // jpeg|png (the note). No grounding switch. $0.048 per image at 1k after the launch offer; other tiers unpublished.
        Flux3Catalog.Row(provider, Flux2Models.Flux3Image, "blackforestlabs/flux-3/text-to-image") with
        {
            EditModelId = "blackforestlabs/flux-3/edit-image",
            ReferenceField = "image_urls",
            AspectRatios = [.. Flux3Catalog.AspectRatios.Where(r => r != "9:21")],
            Resolutions = [Flux2Resolutions.R768Square, Flux2Resolutions.R1K, Flux2Resolutions.R2K, Flux2Resolutions.R4K],
            OutputFormats = ProFormats,
            TierPrices = new Dictionary<string, decimal> { [Flux2Resolutions.R1K] = 0.048m },
        },

        // FLUX 3.1 Image (https://fal.ai/models/fal-ai/flux-3.1-image and blackforestlabs/flux-3.1/edit-image, read in part
        // 2026-12-04): prompt, bounding_boxes (fractions from the top-left; sub-field names unpublished, so BFL's id/bbox/desc are
        // sent), aspect_ratio, resolution (1K/2K/4K are the priced tiers; their spelling is unpublished, the project's is sent),
        // mode fast|quality, image_urls on the edit app (1-10). $0.03 / $0.06 / $0.28 per image at 1k / 2k / 4k ("the price depends
        // only on the resolution"; the edit app says $0.03 per image). Grounding, safety and output format are unpublished.
        Flux3Catalog.Row(provider, Flux2Models.Flux31Image, "fal-ai/flux-3.1-image") with
        {
            EditModelId = "blackforestlabs/flux-3.1/edit-image",
            ReferenceField = "image_urls",
            AspectRatios = Flux3Catalog.AspectRatios31,
            Resolutions = [Flux2Resolutions.R1K, Flux2Resolutions.R2K, Flux2Resolutions.R4K],
            Layout = Flux2LayoutEncoding.BoundingBoxes,
            Modes = Flux2Modes.All,
            SafetyTolerance = null,
            TierPrices = new Dictionary<string, decimal> { [Flux2Resolutions.R1K] = 0.03m, [Flux2Resolutions.R2K] = 0.06m, [Flux2Resolutions.R4K] = 0.28m },
        },
    ];

    /// <summary>The distilled klein LoRA apps (no guidance, no acceleration; edit at most 4 images). Their price is unpublished.</summary>
    private static Flux2LoraSupport KleinLoras(string app) => new()
    {
        ModelId = app + "/lora",
        EditModelId = app + "/edit/lora",
        MaxReferenceImages = 4,
        Pricing = null,
    };

    private static Flux2ModelCapabilities Open(string provider, string model, string appId, Flux2Range? steps, Flux2Range? guidance, Flux2Pricing pricing) => new()
    {
        Provider = provider,
        Model = model,
        ProviderModelId = appId,
        EditModelId = appId + "/edit",
        MaxImagesPerRequest = 4,
        MaxReferenceImages = 4,
        Steps = steps,
        Guidance = guidance,
        SafetyTolerance = null, // dev/klein/flash have only enable_safety_checker.
        OutputFormats = AllFormats,
        DefaultOutputFormat = Flux2OutputFormats.Png,
        MinSide = 512,
        MaxSide = 2048,
        SizeMultiple = 16,
        Pricing = pricing,
        AttemptTimeout = FastTimeout,
    };
}
