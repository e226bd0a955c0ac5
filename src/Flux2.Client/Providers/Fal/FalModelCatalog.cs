namespace Flux2.Client;

/// <summary>
/// The request shapes of fal's FLUX.2 apps, one row per model, from fal's per-endpoint schemas: pro/max/flex take
/// <c>image_size</c>, a string safety_tolerance and jpeg|png; dev/klein/flash add <c>num_images</c> and webp; "/edit" apps
/// take <c>image_urls</c>; dev and klein have LoRA apps (<c>loras: [{path, scale}]</c>, at most 3, scale 0..4).
/// Prices are fal's published ones: pro $0.03 + $0.015 per further MP, max $0.07 + $0.03 (inputs count), flex $0.05/MP
/// in and out, dev $0.012/MP, klein-9b $0.006/MP, klein-4b $0.005/MP (fal's guide also says $0.009/$0.014: unresolved),
/// flash $0.005/MP, dev with LoRAs $0.021/MP. Limits marked "unverified" follow PROVIDERS.md's defensive reading.
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
