using System.Text.Json;
using Flux2.Client;

namespace Flux2.Cli;

/// <summary>A typed error as JSON: what went wrong, its class (which gives the exit code), and what to change.</summary>
internal sealed class ErrorOutput
{
    /// <summary>The error kind in snake case, e.g. "content_filtered", "authentication", "invalid_argument".</summary>
    public required string Kind { get; init; }

    /// <summary>The class: "argument", "provider", "content", "network" or "other".</summary>
    public required string Category { get; init; }

    /// <summary>What was wrong and what to change.</summary>
    public required string Message { get; init; }

    /// <summary>The provider involved, when any.</summary>
    public string? Provider { get; init; }

    /// <summary>The provider's HTTP status, when any.</summary>
    public int? StatusCode { get; init; }

    /// <summary>How long the provider asked to wait, when it said.</summary>
    public double? RetryAfterSeconds { get; init; }

    /// <summary>The offending parameter, for argument and validation errors.</summary>
    public string? Parameter { get; init; }

    /// <summary>The JSON form of a caller error.</summary>
    public static ErrorOutput From(Flux2Exception exception) => new()
    {
        Kind = KindName(exception.Kind),
        Category = exception.Category.ToString().ToLowerInvariant(),
        Message = exception.Message,
        Provider = exception.Provider,
        StatusCode = exception.StatusCode,
        RetryAfterSeconds = exception.RetryAfter?.TotalSeconds,
        Parameter = exception.Parameter,
    };

    /// <summary>The snake-case name of an error kind.</summary>
    public static string KindName(Flux2ErrorKind kind) => JsonNamingPolicy.SnakeCaseLower.ConvertName(kind.ToString());
}
