namespace Flux2.Cli;

/// <summary>The one JSON document printed for a failed command: <c>{"error": {...}}</c>.</summary>
internal sealed class ErrorEnvelope
{
    /// <summary>The error.</summary>
    public required ErrorOutput Error { get; init; }
}
