namespace Flux2.Client;

/// <summary>How a request's size goes out on one capability row: the pixels (exact, or expected), and for tier rows the ratio and tier.</summary>
internal sealed record Flux2SizePlan
{
    /// <summary>Width in pixels: sent as it is, or (tier rows) what the provider is expected to return.</summary>
    public required int Width { get; init; }

    /// <summary>Height in pixels.</summary>
    public required int Height { get; init; }

    /// <summary>The aspect-ratio preset to send; null sends none (the provider's auto).</summary>
    public string? AspectRatio { get; init; }

    /// <summary>The resolution tier to send, for tier rows.</summary>
    public string? Resolution { get; init; }

    /// <summary>What was changed on the way, in words.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
