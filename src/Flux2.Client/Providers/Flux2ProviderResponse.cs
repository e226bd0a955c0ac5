namespace Flux2.Client;

/// <summary>What one provider call returned, before the caller merges fan-out calls into a <see cref="Flux2ImageResult"/>.</summary>
public sealed record Flux2ProviderResponse
{
    /// <summary>The images that passed the provider's safety filter.</summary>
    public required IReadOnlyList<Flux2Image> Images { get; init; }

    /// <summary>The seed used, when reported.</summary>
    public long? Seed { get; init; }

    /// <summary>The prompt the model ran after rewriting (expanding) it, when the provider returns it.</summary>
    public string? RevisedPrompt { get; init; }

    /// <summary>The provider's request id.</summary>
    public string? RequestId { get; init; }

    /// <summary>Time in the provider's queue, when known.</summary>
    public TimeSpan? QueueTime { get; init; }

    /// <summary>Model run time, when reported.</summary>
    public TimeSpan? InferenceTime { get; init; }

    /// <summary>The provider's own cost figure in dollars, when reported.</summary>
    public decimal? ActualCostUsd { get; init; }

    /// <summary>The provider's raw cost figure with its unit, e.g. "4.5 credits".</summary>
    public string? ProviderReportedCost { get; init; }

    /// <summary>Images the provider filtered out (NSFW flags, missing images).</summary>
    public int FilteredCount { get; init; }

    /// <summary>The provider's moderation reasons, when given.</summary>
    public IReadOnlyList<string> ModerationReasons { get; init; } = [];

    /// <summary>Notes about fields the adapter had to drop or change.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>The provider's raw response body, parsed.</summary>
    public object? RawRepresentation { get; init; }
}
