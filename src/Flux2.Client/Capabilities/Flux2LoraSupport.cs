namespace Flux2.Client;

/// <summary>How one provider's model takes LoRAs: the endpoint they go to, how many, and the scale range.</summary>
public sealed record Flux2LoraSupport
{
    /// <summary>The provider's id for text-to-image with LoRAs (fal app id, AIML model, BFL path).</summary>
    public required string ModelId { get; init; }

    /// <summary>The provider's id when reference images are sent too, when it differs.</summary>
    public string? EditModelId { get; init; }

    /// <summary>Most LoRAs one request may carry.</summary>
    public int MaxLoras { get; init; } = 3;

    /// <summary>The allowed scale (strength) of each LoRA.</summary>
    public Flux2Range Scale { get; init; } = new(Flux2Lora.MinScale, Flux2Lora.MaxScale, 1);

    /// <summary>True on BFL: the path is the id of a finetune uploaded to the account, sent as <c>finetune_id</c>/<c>finetune_strength</c>.</summary>
    public bool Finetune { get; init; }

    /// <summary>Most reference images with LoRAs, when lower than the model's own limit.</summary>
    public int? MaxReferenceImages { get; init; }

    /// <summary>The published price with LoRAs, which replaces the model's own; null when unpublished.</summary>
    public Flux2Pricing? Pricing { get; init; }
}
