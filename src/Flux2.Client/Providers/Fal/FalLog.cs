namespace Flux2.Client;

/// <summary>One log line of a fal job.</summary>
internal sealed record FalLog
{
    /// <summary>The text.</summary>
    public string? Message { get; init; }

    /// <summary>The level.</summary>
    public string? Level { get; init; }

    /// <summary>The source.</summary>
    public string? Source { get; init; }

    /// <summary>When.</summary>
    public string? Timestamp { get; init; }
}
