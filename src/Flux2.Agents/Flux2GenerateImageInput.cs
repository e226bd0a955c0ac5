namespace Flux2.Agents;

/// <summary>The arguments of <c>generate_image</c>, as a surface received them (fixed values are strings the core validates).</summary>
public sealed class Flux2GenerateImageInput
{
    /// <summary>What to draw. Required.</summary>
    public string Prompt { get; set; } = "";

    /// <summary>A FLUX.2 model name; null takes the configured default.</summary>
    public string? Model { get; set; }

    /// <summary>A size preset or WIDTHxHEIGHT; null takes 1024x1024.</summary>
    public string? Size { get; set; }

    /// <summary>Images to make, 1-4; null is 1.</summary>
    public int? NumImages { get; set; }

    /// <summary>Seed; null lets the provider choose.</summary>
    public long? Seed { get; set; }

    /// <summary>Guidance scale, for models that take it.</summary>
    public double? GuidanceScale { get; set; }

    /// <summary>Inference steps, for models that take them.</summary>
    public int? NumInferenceSteps { get; set; }

    /// <summary>png, jpeg or webp; null takes the provider's default.</summary>
    public string? OutputFormat { get; set; }

    /// <summary>Safety tolerance, 0 (strictest) to 6.</summary>
    public int? SafetyTolerance { get; set; }

    /// <summary>Reference images: http(s) URLs, data URIs, local files inside the allowed roots, or ids / flux2://images/{id}.</summary>
    public IList<string>? ReferenceImages { get; set; }

    /// <summary>A provider name; null takes the configured one.</summary>
    public string? Provider { get; set; }
}
