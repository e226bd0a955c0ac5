namespace Flux2.Cli;

/// <summary>The JSON document of <c>flux2 generate --json</c>: the normalized result plus the saved files.</summary>
internal sealed class GenerateOutput
{
    /// <summary>True when the built-in simulator served the request.</summary>
    public bool Simulated { get; init; }

    /// <summary>A one-line note, e.g. how to configure a real provider.</summary>
    public string? Note { get; init; }

    /// <summary>The provider that served the request.</summary>
    public required string Provider { get; init; }

    /// <summary>The model.</summary>
    public required string Model { get; init; }

    /// <summary>The prompt the model ran after expanding it (FLUX 3 family), when returned.</summary>
    public string? RevisedPrompt { get; init; }

    /// <summary>Whether web grounding was on; absent when the model has no such switch.</summary>
    public bool? Grounding { get; init; }

    /// <summary>The seed used, when known.</summary>
    public long? Seed { get; init; }

    /// <summary>The provider's request id(s).</summary>
    public string? RequestId { get; init; }

    /// <summary>The images, saved.</summary>
    public required IReadOnlyList<ImageOutput> Images { get; init; }

    /// <summary>Queue, inference and total times.</summary>
    public required TimingsOutput Timings { get; init; }

    /// <summary>Estimated and actual cost.</summary>
    public required CostOutput Cost { get; init; }

    /// <summary>Set when the provider filtered some images out.</summary>
    public ModerationOutput? Moderation { get; init; }

    /// <summary>Clamped or dropped parameters and similar notes.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
