using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using D = Flux2.Agents.Flux2ToolDescriptions;

namespace Flux2.Agents;

/// <summary>
/// The arguments of <c>generate_image</c>. This type is the tool's one definition: its properties (snake_case on the wire),
/// descriptions and constraints become the JSON schema every face shows (<see cref="Flux2ImageTools.AsAIFunctions"/>);
/// the core validates the values again with messages that name what is allowed.
/// </summary>
public sealed class Flux2GenerateImageInput
{
    /// <summary>What to draw. Required.</summary>
    [Description(D.Prompt)]
    public required string Prompt { get; set; }

    /// <summary>A model name (FLUX.2 or FLUX 3); null takes the configured default.</summary>
    [Description(D.Model), Flux2ModelValues]
    public string? Model { get; set; }

    /// <summary>A size preset or WIDTHxHEIGHT; null takes 1024x1024.</summary>
    [Description(D.Size)]
    public string? Size { get; set; }

    /// <summary>A resolution tier (768sq, 1k, 1.5k, 2k, 4k): the FLUX 3 family's size; on FLUX.2, that area.</summary>
    [Description(D.Resolution), Flux2ResolutionValues]
    public string? Resolution { get; set; }

    /// <summary>Layout boxes, each named as &lt;label&gt; in the prompt (FLUX 3 family).</summary>
    [Description(D.Layout)]
    public IList<Flux2LayoutInput>? Layout { get; set; }

    /// <summary>fast or quality (FLUX 3.1).</summary>
    [Description(D.Mode), Flux2ModeValues]
    public string? Mode { get; set; }

    /// <summary>Web and image search on the prompt first, where the model has it; null takes the provider's default.</summary>
    [Description(D.Grounding)]
    public bool? Grounding { get; set; }

    /// <summary>Images to make, 1-4; null is 1.</summary>
    [Description(D.NumImages), Range(1, 4)]
    public int? NumImages { get; set; }

    /// <summary>Seed; null lets the provider choose.</summary>
    [Description(D.Seed)]
    public long? Seed { get; set; }

    /// <summary>Guidance scale, for models that take it.</summary>
    [Description(D.GuidanceScale), Range(0.0, 20.0)]
    public double? GuidanceScale { get; set; }

    /// <summary>Inference steps, for models that take them.</summary>
    [Description(D.NumInferenceSteps), Range(1, 50)]
    public int? NumInferenceSteps { get; set; }

    /// <summary>png, jpeg or webp; null takes the provider's default.</summary>
    [Description(D.OutputFormat), Flux2OutputFormatValues]
    public string? OutputFormat { get; set; }

    /// <summary>Safety tolerance, 0 (strictest) to 6.</summary>
    [Description(D.SafetyTolerance), Range(0, 6)]
    public int? SafetyTolerance { get; set; }

    /// <summary>Reference images: http(s) URLs, data URIs, local files inside the allowed roots, or ids / flux2://images/{id}.</summary>
    [Description(D.ReferenceImages)]
    public IList<string>? ReferenceImages { get; set; }

    /// <summary>LoRAs to apply (on BFL one finetune id); null or empty for none.</summary>
    [Description(D.Loras)]
    public IList<Flux2LoraInput>? Loras { get; set; }

    /// <summary>A provider name; null takes the configured one.</summary>
    [Description(D.Provider), Flux2ProviderValues]
    public string? Provider { get; set; }
}
