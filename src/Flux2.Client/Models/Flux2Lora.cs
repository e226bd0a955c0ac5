namespace Flux2.Client;

/// <summary>
/// One LoRA (or, on BFL, one finetune) applied to a generation: where its weights are and how strongly they apply.
/// </summary>
/// <param name="Path">A URL of a .safetensors file, a Hugging Face <c>owner/repo</c>, or on BFL the finetune id.</param>
/// <param name="Scale">How strongly it applies, 0 to 4; 1 is the LoRA as trained.</param>
public sealed record Flux2Lora(string Path, double Scale = 1.0)
{
    /// <summary>The lowest allowed <see cref="Scale"/>.</summary>
    public const double MinScale = 0;

    /// <summary>The highest allowed <see cref="Scale"/>.</summary>
    public const double MaxScale = 4;
}
