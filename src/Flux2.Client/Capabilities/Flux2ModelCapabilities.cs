namespace Flux2.Client;

/// <summary>
/// One row of the capability matrix: what one provider serves for one FLUX.2 model, with which limits.
/// Each adapter publishes its own rows; the caller validates every request against them before any HTTP call.
/// </summary>
public sealed record Flux2ModelCapabilities
{
    /// <summary>The provider name, e.g. "fal".</summary>
    public required string Provider { get; init; }

    /// <summary>The FLUX.2 model name from <see cref="Flux2Models"/>.</summary>
    public required string Model { get; init; }

    /// <summary>The provider's id for text-to-image (fal app id, Replicate model, Together model, BFL path).</summary>
    public required string ProviderModelId { get; init; }

    /// <summary>The provider's id when reference images are sent, when it differs (fal "/edit" apps).</summary>
    public string? EditModelId { get; init; }

    /// <summary>Images one request can return; more are fanned out into parallel requests.</summary>
    public int MaxImagesPerRequest { get; init; } = 1;

    /// <summary>Most images a request may ask for in total (after fan-out).</summary>
    public int MaxImages { get; init; } = 4;

    /// <summary>Most reference images; 0 when the model cannot edit.</summary>
    public int MaxReferenceImages { get; init; }

    /// <summary>Inference steps, or null when the model takes none.</summary>
    public Flux2Range? Steps { get; init; }

    /// <summary>Guidance scale, or null when the model takes none.</summary>
    public Flux2Range? Guidance { get; init; }

    /// <summary>Safety tolerance on the provider's own scale, or null when it has none.</summary>
    public Flux2Range? SafetyTolerance { get; init; }

    /// <summary>Smallest width or height in pixels.</summary>
    public int MinSide { get; init; } = 64;

    /// <summary>Largest width or height in pixels.</summary>
    public int MaxSide { get; init; } = 2048;

    /// <summary>Width and height are rounded to a multiple of this.</summary>
    public int SizeMultiple { get; init; } = 16;

    /// <summary>Largest image area in megapixels, when the provider caps it.</summary>
    public double? MaxMegapixels { get; init; }

    /// <summary>Output formats the provider can return for this model.</summary>
    public IReadOnlyList<string> OutputFormats { get; init; } = [Flux2OutputFormats.Png, Flux2OutputFormats.Jpeg];

    /// <summary>The format the provider returns when none is asked for.</summary>
    public string DefaultOutputFormat { get; init; } = Flux2OutputFormats.Jpeg;

    /// <summary>Whether a seed can be passed.</summary>
    public bool SupportsSeed { get; init; } = true;

    /// <summary>Published price, when known; null when the provider publishes none (the estimate is then unknown, never borrowed).</summary>
    public Flux2Pricing? Pricing { get; init; }

    /// <summary>How the size is said on the wire: exact pixels, or an aspect ratio the provider turns into pixels itself.</summary>
    public Flux2SizeEncoding SizeEncoding { get; init; } = Flux2SizeEncoding.Pixels;

    /// <summary>The aspect ratios the model takes when the size is said as a ratio ("16:9"), else empty.</summary>
    public IReadOnlyList<string> AspectRatios { get; init; } = [];

    /// <summary>The output megapixel counts the model takes when the size is said as a ratio and an area, else empty.</summary>
    public IReadOnlyList<double> MegapixelChoices { get; init; } = [];

    /// <summary>The wire name of the reference-images field (BFL's "input_image" stands for input_image, input_image_2, ...).</summary>
    public string ReferenceField { get; init; } = "image_urls";

    /// <summary>True when the reference field is sent even without references (as an empty list), because the model requires it.</summary>
    public bool ReferencesAlwaysSent { get; init; }

    /// <summary>The wire name of the guidance field, when the model takes guidance.</summary>
    public string GuidanceField { get; init; } = "guidance_scale";

    /// <summary>The wire name of the steps field, when the model takes steps.</summary>
    public string StepsField { get; init; } = "num_inference_steps";

    /// <summary>The wire name of the output-format field.</summary>
    public string FormatField { get; init; } = "output_format";

    /// <summary>Boolean fields always sent with these values (AIML's enable_prompt_expansion defaults to on there: sent as false so the prompt is used as written).</summary>
    public IReadOnlyDictionary<string, bool> FixedFields { get; init; } = new Dictionary<string, bool>();

    /// <summary>How this model takes LoRAs (on BFL: one finetune), or null when it takes none.</summary>
    public Flux2LoraSupport? Loras { get; init; }

    /// <summary>The resolution tiers the model takes (<see cref="Flux2SizeEncoding.AspectRatioAndTier"/>), else empty.</summary>
    public IReadOnlyList<string> Resolutions { get; init; } = [];

    /// <summary>The tier the provider uses when none is asked for, when it has tiers.</summary>
    public string? DefaultResolution { get; init; }

    /// <summary>How the model takes a layout (boxes named in the prompt); <see cref="Flux2LayoutEncoding.None"/> refuses one.</summary>
    public Flux2LayoutEncoding Layout { get; init; }

    /// <summary>Most layout boxes a request may carry.</summary>
    public int MaxLayoutBoxes { get; init; }

    /// <summary>The provider's default of the grounding switch (web and image search on the prompt); null when the model has no switch.</summary>
    public bool? Grounding { get; init; }

    /// <summary>The speed/quality modes the model takes (<see cref="Flux2Modes"/>), else empty.</summary>
    public IReadOnlyList<string> Modes { get; init; } = [];

    /// <summary>True when the model rewrites (expands) the prompt and the provider returns what it ran (the result's revised prompt).</summary>
    public bool RevisesPrompt { get; init; }

    /// <summary>Published price per image by resolution tier, for models priced that way; a tier not listed has no published price.</summary>
    public IReadOnlyDictionary<string, decimal>? TierPrices { get; init; }

    /// <summary>How long one HTTP attempt may take before it is cut off.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
