namespace Flux2.Cli;

/// <summary>How a capability row takes LoRAs, as JSON.</summary>
internal sealed class LoraSupportOutput
{
    /// <summary>The provider's id used with LoRAs.</summary>
    public required string ModelId { get; init; }

    /// <summary>The provider's id used with LoRAs and reference images, when different.</summary>
    public string? EditModelId { get; init; }

    /// <summary>Most LoRAs per request.</summary>
    public int MaxLoras { get; init; }

    /// <summary>The allowed scale.</summary>
    public required RangeOutput Scale { get; init; }

    /// <summary>True on BFL: one finetune id, not a LoRA URL.</summary>
    public bool Finetune { get; init; }

    /// <summary>The price with LoRAs, when published.</summary>
    public PricingOutput? Pricing { get; init; }
}
