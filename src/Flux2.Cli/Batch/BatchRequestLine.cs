using System.Text.Json.Serialization;

namespace Flux2.Cli;

/// <summary>One JSON request line of a batch file; the fields are generate's options (unknown fields are refused, to catch typos).</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed class BatchRequestLine
{
    /// <summary>What to draw (required).</summary>
    public string? Prompt { get; set; }

    /// <summary>Model name (FLUX.2 or FLUX 3).</summary>
    public string? Model { get; set; }

    /// <summary>Size preset or WIDTHxHEIGHT.</summary>
    public string? Size { get; set; }

    /// <summary>Resolution tier (768sq, 1k, 1.5k, 2k, 4k).</summary>
    public string? Resolution { get; set; }

    /// <summary>Layout boxes: <c>[{"label": "fox", "box": [0.1, 0.4, 0.5, 0.9], "description": "a red fox"}]</c>.</summary>
    public IList<Flux2.Client.Flux2LayoutBox>? Layout { get; set; }

    /// <summary>FLUX 3.1 mode: fast or quality.</summary>
    public string? Mode { get; set; }

    /// <summary>Web grounding on or off, where the model has it.</summary>
    public bool? Grounding { get; set; }

    /// <summary>Seed.</summary>
    public long? Seed { get; set; }

    /// <summary>Images to make (1-4).</summary>
    public int? NumImages { get; set; }

    /// <summary>Inference steps.</summary>
    public int? Steps { get; set; }

    /// <summary>Alias of <see cref="Steps"/>.</summary>
    public int? NumInferenceSteps { get; set; }

    /// <summary>Guidance scale.</summary>
    public double? Guidance { get; set; }

    /// <summary>Alias of <see cref="Guidance"/>.</summary>
    public double? GuidanceScale { get; set; }

    /// <summary>Output format: png, jpeg or webp.</summary>
    public string? Format { get; set; }

    /// <summary>Alias of <see cref="Format"/>.</summary>
    public string? OutputFormat { get; set; }

    /// <summary>Safety tolerance 0-6.</summary>
    public int? SafetyTolerance { get; set; }

    /// <summary>Reference images: URLs, data URIs or local paths (relative to the batch file).</summary>
    public IList<string>? Reference { get; set; }

    /// <summary>Alias of <see cref="Reference"/>.</summary>
    public IList<string>? ReferenceImages { get; set; }

    /// <summary>LoRAs: <c>[{"path": "owner/repo", "scale": 0.8}]</c> (on BFL klein one finetune id as the path).</summary>
    public IList<Flux2.Client.Flux2Lora>? Loras { get; set; }

    /// <summary>Provider name.</summary>
    public string? Provider { get; set; }

    /// <summary>The file to save, relative to the batch's output directory; a .png, .jpg/.jpeg or .webp name decides the format.</summary>
    public string? Out { get; set; }

    /// <summary>Alias of <see cref="Out"/>.</summary>
    public string? Path { get; set; }
}
