namespace Flux2.Client;

/// <summary>The input body of a fal FLUX.2 app (sync body or queue submit body).</summary>
internal sealed record FalInput
{
    /// <summary>The prompt.</summary>
    public required string Prompt { get; init; }

    /// <summary>Explicit pixel size.</summary>
    public required FalImageSize ImageSize { get; init; }

    /// <summary>Images per request (dev, klein, flash only).</summary>
    public int? NumImages { get; init; }

    /// <summary>Seed.</summary>
    public long? Seed { get; init; }

    /// <summary>Guidance (flex, dev, klein, flash).</summary>
    public double? GuidanceScale { get; init; }

    /// <summary>Steps (flex, dev, klein).</summary>
    public int? NumInferenceSteps { get; init; }

    /// <summary>jpeg, png or webp.</summary>
    public string? OutputFormat { get; init; }

    /// <summary>fal sends safety tolerance as a string "1".."5".</summary>
    public string? SafetyTolerance { get; init; }

    /// <summary>Reference images for the /edit apps.</summary>
    public IReadOnlyList<string>? ImageUrls { get; init; }
}
