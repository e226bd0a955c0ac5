namespace Flux2.Client;

/// <summary>The two built-in OpenAI-style endpoints: AIML API, and any OpenAI-compatible images server (self-hosted or third party).</summary>
internal static class OpenAICompatibleProfiles
{
    private static readonly IReadOnlyList<string> AimlFormats = [Flux2OutputFormats.Png, Flux2OutputFormats.Jpeg];

    /// <summary>
    /// AIML API (api.aimlapi.com), from its API reference: blackforestlabs/flux-2 (dev: num_images, guidance, steps, no
    /// safety_tolerance, enable_prompt_expansion on by default there and so sent as false), -pro (string safety_tolerance
    /// "1".."6"), -max ("1".."5", jpeg|png), each with an -edit variant taking 1..3 <c>image_urls</c> where one exists, and
    /// -lora / -lora-edit for dev with <c>loras</c> (at most 3, scale 0..4). AIML publishes no dollar figure: estimates are unknown.
    /// </summary>
    public static OpenAICompatibleProfile AimlApi { get; } = new()
    {
        Name = Flux2Providers.AimlApi,
        DisplayName = "AIML API",
        KeyVariable = "AIML_API_KEY",
        SizeAsObject = true,
        CountField = "num_images",
        SafetyToleranceAsString = true,
        MinSeed = 1,
        CreditsPerUsd = 2_000_000m,
        ForbiddenMeansNoCredits = true,
        Rows =
        [
            AimlRow(Flux2Models.Dev, "blackforestlabs/flux-2", "blackforestlabs/flux-2-edit") with
            {
                MaxImagesPerRequest = 4,
                Steps = new Flux2Range(4, 50, 28),
                Guidance = new Flux2Range(0, 20, 2.5),
                SafetyTolerance = null,
                FixedFields = new Dictionary<string, bool> { ["enable_prompt_expansion"] = false },
                Loras = new Flux2LoraSupport
                {
                    ModelId = "blackforestlabs/flux-2-lora",
                    EditModelId = "blackforestlabs/flux-2-lora-edit",
                    MaxReferenceImages = 3,
                    Pricing = null,
                },
            },
            AimlRow(Flux2Models.Pro, "blackforestlabs/flux-2-pro", "blackforestlabs/flux-2-pro-edit"),
            AimlRow(Flux2Models.Max, "blackforestlabs/flux-2-max", null) with
            {
                MaxReferenceImages = 0,
                SafetyTolerance = new Flux2Range(1, 5, 2),
                OutputFormats = [Flux2OutputFormats.Jpeg, Flux2OutputFormats.Png],
                DefaultOutputFormat = Flux2OutputFormats.Jpeg,
            },
        ],
    };

    /// <summary>A generic OpenAI-style images endpoint: every FLUX.2 model under its own name, or the names mapped in ModelIds.</summary>
    public static OpenAICompatibleProfile OpenAI { get; } = new()
    {
        Name = Flux2Providers.OpenAI,
        DisplayName = "The OpenAI-compatible endpoint",
        KeyVariable = "FLUX2_OPENAI_API_KEY",
        RowsFromModelIds = true,
        Rows = [.. Flux2Models.Flux2Family.Select(GenericRow)],
    };

    private static Flux2ModelCapabilities AimlRow(string model, string id, string? editId) => new()
    {
        Provider = Flux2Providers.AimlApi,
        Model = model,
        ProviderModelId = id,
        EditModelId = editId,
        MaxImagesPerRequest = 1,
        MaxImages = 4,
        MaxReferenceImages = 3,
        SafetyTolerance = new Flux2Range(1, 6, 2),
        MinSide = 512,
        MaxSide = 2048,
        SizeMultiple = 32,
        OutputFormats = AimlFormats,
        DefaultOutputFormat = Flux2OutputFormats.Png,
        AttemptTimeout = Flux2Models.IsFast(model) ? TimeSpan.FromSeconds(30) : TimeSpan.FromSeconds(60),
    };

    private static Flux2ModelCapabilities GenericRow(string model) => new()
    {
        Provider = Flux2Providers.OpenAI,
        Model = model,
        ProviderModelId = model,
        MaxImagesPerRequest = 1,
        MaxImages = 4,
        MaxReferenceImages = 0,
        MinSide = 256,
        MaxSide = 2048,
        SizeMultiple = 16,
        OutputFormats = Flux2OutputFormats.All,
        DefaultOutputFormat = Flux2OutputFormats.Png,
        AttemptTimeout = Flux2Models.IsFast(model) ? TimeSpan.FromSeconds(30) : TimeSpan.FromSeconds(60),
    };
}
