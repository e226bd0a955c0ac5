namespace Flux2.Client;

/// <summary>
/// fal's FLUX.2 capability rows. Prices: flex $0.05/MP (input and output) and flash $0.005/MP are fal's published
/// figures, pro $0.03 first MP + $0.015 per further MP as listed on fal; max, dev and klein are ESTIMATES (marked below)
/// until fal's pages are confirmed. Limits marked "unverified" follow PROVIDERS.md's defensive reading.
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
            Pricing = new(0.07m, 0.03m, 0.03m), // ESTIMATE: BFL's own max price (7 + 3 credits).
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
        Open(provider, Flux2Models.Dev, "fal-ai/flux-2", steps: new(4, 50, 28), guidance: new(0, 20, 2.5), pricing: new(0.012m, 0.012m, 0.012m)), // price ESTIMATE.
        Open(provider, Flux2Models.Klein4B, "fal-ai/flux-2/klein/4b", steps: new(1, 50, 4), guidance: null, pricing: new(0.003m, 0.003m, 0.003m)), // price ESTIMATE.
        Open(provider, Flux2Models.Klein9B, "fal-ai/flux-2/klein/9b", steps: new(1, 50, 4), guidance: null, pricing: new(0.006m, 0.006m, 0.006m)), // price ESTIMATE.
        Open(provider, Flux2Models.Flash, "fal-ai/flux-2/flash", steps: null, guidance: new(0, 20, 2.5), pricing: new(0.005m, 0.005m, 0.005m)),
    ];

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
