using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using D = Flux2.Agents.Flux2ToolDescriptions;

namespace Flux2.Agents;

/// <summary>One item of <c>generate_image</c>'s <c>loras</c>: where the LoRA's weights are and how strongly they apply.</summary>
public sealed class Flux2LoraInput
{
    /// <summary>A URL of a .safetensors file or a Hugging Face owner/repo; on BFL the finetune id.</summary>
    [Description(D.LoraPath)]
    public required string Path { get; set; }

    /// <summary>Strength, 0 to 4; null is 1.</summary>
    [Description(D.LoraScale), Range(0.0, 4.0)]
    public double? Scale { get; set; }
}
