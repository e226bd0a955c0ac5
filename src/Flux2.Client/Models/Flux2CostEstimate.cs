namespace Flux2.Client;

/// <summary>What a request would cost and make, worked out before anything is sent: for confirming a paid call with a person.</summary>
public sealed record Flux2CostEstimate
{
    /// <summary>The provider that would serve the request.</summary>
    public required string Provider { get; init; }

    /// <summary>The FLUX.2 model.</summary>
    public required string Model { get; init; }

    /// <summary>How many images would be made.</summary>
    public required int ImageCount { get; init; }

    /// <summary>The width in pixels of each image.</summary>
    public required int Width { get; init; }

    /// <summary>The height in pixels of each image.</summary>
    public required int Height { get; init; }

    /// <summary>The estimate in US dollars; null when the provider publishes no price for this model.</summary>
    public decimal? EstimatedUsd { get; init; }

    /// <summary>True when the built-in simulator would answer (nothing is paid).</summary>
    public bool Simulated { get; init; }
}
