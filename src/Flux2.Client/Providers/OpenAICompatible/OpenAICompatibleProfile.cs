namespace Flux2.Client;

/// <summary>
/// What distinguishes one OpenAI-style images endpoint from another: its name, default capability rows and the few
/// body conventions that differ (how size and count are named, safety tolerance as text, credits in the answer).
/// </summary>
internal sealed record OpenAICompatibleProfile
{
    /// <summary>The provider name (e.g. "aimlapi", "openai").</summary>
    public required string Name { get; init; }

    /// <summary>A human name for messages.</summary>
    public required string DisplayName { get; init; }

    /// <summary>The environment variable of the key, for messages.</summary>
    public required string KeyVariable { get; init; }

    /// <summary>The built-in rows; the configured <see cref="Flux2ProviderOptions.ModelIds"/> override their ids.</summary>
    public required IReadOnlyList<Flux2ModelCapabilities> Rows { get; init; }

    /// <summary>When true the rows are only those named in <see cref="Flux2ProviderOptions.ModelIds"/> if any are configured.</summary>
    public bool RowsFromModelIds { get; init; }

    /// <summary>True: <c>image_size: {width,height}</c> (AIML); false: OpenAI's <c>size: "WxH"</c>.</summary>
    public bool SizeAsObject { get; init; }

    /// <summary>The image-count field: <c>num_images</c> (AIML) or <c>n</c> (OpenAI).</summary>
    public string CountField { get; init; } = "n";

    /// <summary>True when safety_tolerance is sent as a string ("1".."6" on AIML).</summary>
    public bool SafetyToleranceAsString { get; init; }

    /// <summary>Smallest seed the endpoint accepts (AIML: 1).</summary>
    public long MinSeed { get; init; }

    /// <summary>Credits per US dollar when the answer carries <c>meta.usage.credits_used</c> or <c>tokens_used</c> (AIML: 2,000,000); null when unknown.</summary>
    public decimal? CreditsPerUsd { get; init; }

    /// <summary>True when 403 means the account is out of credits (AIML).</summary>
    public bool ForbiddenMeansNoCredits { get; init; }
}
