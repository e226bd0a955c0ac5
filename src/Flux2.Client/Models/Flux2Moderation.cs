namespace Flux2.Client;

/// <summary>What a provider's safety filter did to a request that still produced some images.</summary>
public sealed record Flux2Moderation
{
    /// <summary>How many images the provider filtered out (flagged NSFW or withheld).</summary>
    public int FilteredCount { get; init; }

    /// <summary>The provider's reasons, when it gives any.</summary>
    public IReadOnlyList<string> Reasons { get; init; } = [];
}
