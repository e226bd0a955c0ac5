namespace Flux2.Agents;

/// <summary>The result of <c>generate_image</c>, the same for every surface (structured content in MCP, JSON text in Semantic Kernel).</summary>
public sealed record Flux2GenerateImageOutput
{
    /// <summary>The images, in order.</summary>
    public required IReadOnlyList<Flux2ToolImage> Images { get; init; }

    /// <summary>The seed used, when known; pass it again to reproduce the image.</summary>
    public long? Seed { get; init; }

    /// <summary>The provider that served the request.</summary>
    public required string Provider { get; init; }

    /// <summary>The model.</summary>
    public required string Model { get; init; }

    /// <summary>The prompt the model ran after expanding it (FLUX 3 family), when the provider returns it.</summary>
    public string? RevisedPrompt { get; init; }

    /// <summary>Whether web grounding was on; absent when the model has no such switch.</summary>
    public bool? Grounding { get; init; }

    /// <summary>The provider's request id(s).</summary>
    public string? RequestId { get; init; }

    /// <summary>Timings in milliseconds.</summary>
    public required Flux2ToolTimings Timings { get; init; }

    /// <summary>Cost in US dollars.</summary>
    public required Flux2ToolCost Cost { get; init; }

    /// <summary>Set when the provider filtered some images out.</summary>
    public Flux2ToolModeration? Moderation { get; init; }

    /// <summary>Parameters clamped or dropped, images filtered, images that could not be kept, and similar notes.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>True when the built-in simulator made the images, not a real provider.</summary>
    public bool Simulated { get; init; }

    /// <summary>A one-line note for the user (how to configure a real provider when simulated).</summary>
    public string? Note { get; init; }
}
