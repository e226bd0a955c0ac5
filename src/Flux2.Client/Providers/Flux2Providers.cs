namespace Flux2.Client;

/// <summary>The built-in providers: names, key variables, default base URLs and simulator prefixes.</summary>
public static class Flux2Providers
{
    /// <summary>fal.ai.</summary>
    public const string Fal = "fal";

    /// <summary>Black Forest Labs' own API.</summary>
    public const string Bfl = "bfl";

    /// <summary>Replicate.</summary>
    public const string Replicate = "replicate";

    /// <summary>Together AI.</summary>
    public const string Together = "together";

    /// <summary>AIML API.</summary>
    public const string AimlApi = "aimlapi";

    /// <summary>Segmind.</summary>
    public const string Segmind = "segmind";

    /// <summary>Any OpenAI-compatible images endpoint (self-hosted or third party); set its base URL and FLUX2_OPENAI_API_KEY (OPENAI_API_KEY is not read).</summary>
    public const string OpenAI = "openai";

    /// <summary>Every built-in provider, in the order used to auto-select by key presence.</summary>
    public static IReadOnlyList<Flux2ProviderInfo> All { get; } =
    [
        new(Fal, "fal.ai", "FAL_KEY", new("https://fal.run"), new("https://queue.fal.run"), "fal", "fal-queue"),
        new(Bfl, "Black Forest Labs", "BFL_API_KEY", new("https://api.bfl.ai"), null, "bfl"),
        new(Replicate, "Replicate", "REPLICATE_API_TOKEN", new("https://api.replicate.com"), null, "replicate"),
        new(Together, "Together AI", "TOGETHER_API_KEY", new("https://api.together.xyz"), null, "together"),
        new(AimlApi, "AIML API", "AIML_API_KEY", new("https://api.aimlapi.com"), null, "aiml"),
        new(Segmind, "Segmind", "SEGMIND_API_KEY", new("https://api.segmind.com"), null, "segmind"),
        // OPENAI_API_KEY is deliberately not read: it usually belongs to a chat model, not an image endpoint.
        new(OpenAI, "OpenAI-compatible images endpoint", "FLUX2_OPENAI_API_KEY", new("https://api.openai.com"), null, "aiml"),
    ];

    /// <summary>Finds a provider by name (case-insensitive).</summary>
    public static Flux2ProviderInfo? Find(string name) =>
        All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
}
