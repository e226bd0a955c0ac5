using Microsoft.Extensions.AI;

namespace Flux2.Client;

/// <summary>One normalized request: it means the same thing on every provider and model.</summary>
public sealed class Flux2ImageRequest
{
    /// <summary>What to draw. Required.</summary>
    public string Prompt { get; set; } = "";

    /// <summary>A name from <see cref="Flux2Models"/>; null takes the configured default.</summary>
    public string? Model { get; set; }

    /// <summary>A preset from <see cref="Flux2Sizes"/> or "WIDTHxHEIGHT"; null takes the model's default (1024x1024).</summary>
    public string? Size { get; set; }

    /// <summary>
    /// A resolution tier from <see cref="Flux2Resolutions"/> (768sq, 1k, 1.5k, 2k, 4k): the FLUX 3 family's size; on a FLUX.2 model,
    /// that area at the requested aspect ratio. Null takes the size's nearest tier, else the model's default.
    /// </summary>
    public string? Resolution { get; set; }

    /// <summary>Layout boxes, each referenced as <c>&lt;label&gt;</c> in the prompt (FLUX 3 family); empty for none.</summary>
    public IList<Flux2LayoutBox> Layout { get; set; } = [];

    /// <summary>Web and image search on the prompt before generating, where the model has the switch; null takes the provider's default.</summary>
    public bool? Grounding { get; set; }

    /// <summary>A mode from <see cref="Flux2Modes"/> (fast, quality) where the model has modes (FLUX 3.1); null takes the provider's default.</summary>
    public string? Mode { get; set; }

    /// <summary>How many images to make (1-4); above a provider's per-request limit the caller fans out.</summary>
    public int? NumImages { get; set; }

    /// <summary>Seed for reproducible results; null lets the provider choose.</summary>
    public long? Seed { get; set; }

    /// <summary>Guidance scale (how closely to follow the prompt), for models that accept it.</summary>
    public double? GuidanceScale { get; set; }

    /// <summary>Number of inference steps, for models that accept it.</summary>
    public int? Steps { get; set; }

    /// <summary>A name from <see cref="Flux2OutputFormats"/>; null takes the provider's default.</summary>
    public string? OutputFormat { get; set; }

    /// <summary>Safety tolerance on the project's scale, 0 (strictest) to 6 (most permissive); converted and clamped per provider.</summary>
    public int? SafetyTolerance { get; set; }

    /// <summary>Reference images for multi-reference editing: http(s) URLs or data URIs.</summary>
    public IList<string> ReferenceImages { get; set; } = [];

    /// <summary>LoRAs (on BFL: one finetune) to apply; empty for none. Only some providers and models take them.</summary>
    public IList<Flux2Lora> Loras { get; set; } = [];

    /// <summary>A provider name (fal, bfl, replicate, together, aimlapi, segmind); null takes the configured one.</summary>
    public string? Provider { get; set; }

    /// <summary>Provider-specific fields sent as they are: the explicit escape hatch.</summary>
    public AdditionalPropertiesDictionary? AdditionalProperties { get; set; }

    /// <summary>
    /// Where this request reports queue position, progress, waits, retries and completion; null for none. It travels with the
    /// request through every layer, each provider call and each of its HTTP attempts (no ambient state).
    /// </summary>
    public IProgress<Flux2Progress>? Progress { get; set; }

    /// <summary>Makes a shallow copy whose lists and dictionaries can be changed independently.</summary>
    public Flux2ImageRequest Clone() => new()
    {
        Prompt = Prompt,
        Model = Model,
        Size = Size,
        Resolution = Resolution,
        Layout = [.. Layout],
        Grounding = Grounding,
        Mode = Mode,
        NumImages = NumImages,
        Seed = Seed,
        GuidanceScale = GuidanceScale,
        Steps = Steps,
        OutputFormat = OutputFormat,
        SafetyTolerance = SafetyTolerance,
        ReferenceImages = [.. ReferenceImages],
        Loras = [.. Loras],
        Provider = Provider,
        AdditionalProperties = AdditionalProperties?.Clone(),
        Progress = Progress,
    };
}
