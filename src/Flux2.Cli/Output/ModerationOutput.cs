namespace Flux2.Cli;

/// <summary>What the provider's safety filter removed.</summary>
internal sealed class ModerationOutput
{
    /// <summary>Images filtered out.</summary>
    public int FilteredCount { get; init; }

    /// <summary>The provider's reasons.</summary>
    public IReadOnlyList<string> Reasons { get; init; } = [];
}
