namespace Flux2.Agents;

/// <summary>What the provider's safety filter removed from a result that still has images.</summary>
public sealed record Flux2ToolModeration
{
    /// <summary>Images filtered out.</summary>
    public int FilteredCount { get; init; }

    /// <summary>The provider's reasons, when given.</summary>
    public IReadOnlyList<string> Reasons { get; init; } = [];
}
