namespace Flux2.Cli;

/// <summary>A published per-megapixel price in US dollars.</summary>
internal sealed class PricingOutput
{
    /// <summary>The first output megapixel.</summary>
    public decimal FirstMegapixelUsd { get; init; }

    /// <summary>Each further output megapixel.</summary>
    public decimal AdditionalMegapixelUsd { get; init; }

    /// <summary>Each reference-image megapixel.</summary>
    public decimal InputMegapixelUsd { get; init; }
}
