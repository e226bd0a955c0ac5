using Flux2.Client;

namespace Flux2.Cli;

/// <summary>One row of the capability matrix as JSON.</summary>
internal sealed class ModelOutput
{
    /// <summary>Provider name.</summary>
    public required string Provider { get; init; }

    /// <summary>Model name.</summary>
    public required string Model { get; init; }

    /// <summary>The provider's id for text-to-image.</summary>
    public required string ProviderModelId { get; init; }

    /// <summary>The provider's id for editing with reference images, when different.</summary>
    public string? EditModelId { get; init; }

    /// <summary>Images per request in total (after fan-out).</summary>
    public int MaxImages { get; init; }

    /// <summary>Images one provider call returns.</summary>
    public int MaxImagesPerRequest { get; init; }

    /// <summary>Most reference images (0: no editing).</summary>
    public int MaxReferenceImages { get; init; }

    /// <summary>Inference steps, when the model takes them.</summary>
    public RangeOutput? Steps { get; init; }

    /// <summary>Guidance scale, when the model takes it.</summary>
    public RangeOutput? Guidance { get; init; }

    /// <summary>Safety tolerance on the provider's scale, when it has one.</summary>
    public RangeOutput? SafetyTolerance { get; init; }

    /// <summary>Smallest side in pixels.</summary>
    public int MinSide { get; init; }

    /// <summary>Largest side in pixels.</summary>
    public int MaxSide { get; init; }

    /// <summary>Sides are rounded to a multiple of this.</summary>
    public int SizeMultiple { get; init; }

    /// <summary>Largest area in megapixels, when capped.</summary>
    public double? MaxMegapixels { get; init; }

    /// <summary>Output formats.</summary>
    public IReadOnlyList<string> OutputFormats { get; init; } = [];

    /// <summary>The format returned when none is asked for.</summary>
    public string? DefaultOutputFormat { get; init; }

    /// <summary>Whether a seed can be passed.</summary>
    public bool SupportsSeed { get; init; }

    /// <summary>Published price, when known; absent when the provider publishes none (the estimate is unknown).</summary>
    public PricingOutput? Pricing { get; init; }

    /// <summary>How the size is sent: pixels, or an aspect ratio the provider turns into pixels itself.</summary>
    public required string SizeEncoding { get; init; }

    /// <summary>Published price per image by resolution tier (FLUX 3 family); a tier not listed has no published price.</summary>
    public IReadOnlyDictionary<string, decimal>? TierPricesUsd { get; init; }

    /// <summary>The aspect-ratio presets, for models that take a ratio.</summary>
    public IReadOnlyList<string>? AspectRatios { get; init; }

    /// <summary>The resolution tiers, for models that take tiers.</summary>
    public IReadOnlyList<string>? Resolutions { get; init; }

    /// <summary>The tier used when none is asked for.</summary>
    public string? DefaultResolution { get; init; }

    /// <summary>How a layout is sent (InPrompt, BoundingBoxes), or None.</summary>
    public required string Layout { get; init; }

    /// <summary>The grounding switch's default, when the model has one.</summary>
    public bool? Grounding { get; init; }

    /// <summary>The modes (fast, quality), for models that have them.</summary>
    public IReadOnlyList<string>? Modes { get; init; }

    /// <summary>Whether the model expands the prompt and returns what it ran.</summary>
    public bool RevisesPrompt { get; init; }

    /// <summary>How the model takes LoRAs (on BFL one finetune); absent when it takes none.</summary>
    public LoraSupportOutput? Loras { get; init; }

    /// <summary>The JSON form of a capability row.</summary>
    public static ModelOutput From(Flux2ModelCapabilities row) => new()
    {
        Provider = row.Provider,
        Model = row.Model,
        ProviderModelId = row.ProviderModelId,
        EditModelId = row.EditModelId,
        MaxImages = row.MaxImages,
        MaxImagesPerRequest = row.MaxImagesPerRequest,
        MaxReferenceImages = row.MaxReferenceImages,
        Steps = Range(row.Steps),
        Guidance = Range(row.Guidance),
        SafetyTolerance = Range(row.SafetyTolerance),
        MinSide = row.MinSide,
        MaxSide = row.MaxSide,
        SizeMultiple = row.SizeMultiple,
        MaxMegapixels = row.MaxMegapixels,
        OutputFormats = row.OutputFormats,
        DefaultOutputFormat = row.DefaultOutputFormat,
        SupportsSeed = row.SupportsSeed,
        Pricing = Price(row.Pricing),
        SizeEncoding = row.SizeEncoding.ToString(),
        TierPricesUsd = row.TierPrices,
        AspectRatios = row.AspectRatios.Count > 0 ? row.AspectRatios : null,
        Resolutions = row.Resolutions.Count > 0 ? row.Resolutions : null,
        DefaultResolution = row.DefaultResolution,
        Layout = row.Layout.ToString(),
        Grounding = row.Grounding,
        Modes = row.Modes.Count > 0 ? row.Modes : null,
        RevisesPrompt = row.RevisesPrompt,
        Loras = row.Loras is { } l
            ? new LoraSupportOutput
            {
                ModelId = l.ModelId,
                EditModelId = l.EditModelId,
                MaxLoras = l.MaxLoras,
                Scale = Range(l.Scale)!,
                Finetune = l.Finetune,
                Pricing = Price(l.Pricing),
            }
            : null,
    };

    private static PricingOutput? Price(Flux2Pricing? pricing) => pricing is { } p
        ? new PricingOutput { FirstMegapixelUsd = p.FirstMegapixelUsd, AdditionalMegapixelUsd = p.AdditionalMegapixelUsd, InputMegapixelUsd = p.InputMegapixelUsd }
        : null;

    private static RangeOutput? Range(Flux2Range? range) =>
        range is null ? null : new RangeOutput { Min = range.Min, Max = range.Max, Default = range.Default };
}
