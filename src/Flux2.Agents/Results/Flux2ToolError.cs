using Flux2.Client;

namespace Flux2.Agents;

/// <summary>A tool failure as an agent sees it: what was wrong and what to change; never a key, never a stack trace.</summary>
public sealed record Flux2ToolError
{
    /// <summary>The error kind in snake case, e.g. invalid_argument, content_filtered, rate_limited.</summary>
    public required string Error { get; init; }

    /// <summary>The class: argument, provider, content, network or other.</summary>
    public required string Category { get; init; }

    /// <summary>What was wrong and what to change.</summary>
    public required string Message { get; init; }

    /// <summary>The offending parameter, when one.</summary>
    public string? Parameter { get; init; }

    /// <summary>The provider involved, when one.</summary>
    public string? Provider { get; init; }

    /// <summary>The provider's request id, when one.</summary>
    public string? RequestId { get; init; }

    /// <summary>Seconds to wait before trying again, when the provider said.</summary>
    public double? RetryAfterSeconds { get; init; }

    /// <summary>True when trying the same call again later may succeed.</summary>
    public bool Retryable { get; init; }

    /// <summary>Describes a failure of a tool call; an exception that is not a <see cref="Flux2Exception"/> is named by type only, so nothing internal leaks.</summary>
    public static Flux2ToolError From(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is Flux2Exception flux)
        {
            return new Flux2ToolError
            {
                Error = SnakeCase(flux.Kind.ToString()),
                Category = flux.Category.ToString().ToLowerInvariant(),
                Message = flux.Message,
                Parameter = flux.Parameter,
                Provider = flux.Provider,
                RequestId = flux.RequestId,
                RetryAfterSeconds = flux.RetryAfter?.TotalSeconds,
                Retryable = flux.Kind is Flux2ErrorKind.RateLimited or Flux2ErrorKind.ProviderUnavailable or Flux2ErrorKind.Timeout
                    or Flux2ErrorKind.Network or Flux2ErrorKind.MalformedResponse or Flux2ErrorKind.EmptyResult,
            };
        }

        return new Flux2ToolError
        {
            Error = "internal_error",
            Category = "other",
            Message = $"The tool failed unexpectedly ({exception.GetType().Name}). Retry once; if it fails again, report it with the server's log.",
            Retryable = true,
        };
    }

    /// <summary>One line for a text result: kind, message and the retry hint.</summary>
    public override string ToString() =>
        RetryAfterSeconds is { } wait
            ? $"{Error}: {Message} (retry after {wait:0.#} s)"
            : $"{Error}: {Message}";

    private static string SnakeCase(string name)
    {
        var builder = new System.Text.StringBuilder(name.Length + 8);
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0)
                {
                    builder.Append('_');
                }

                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
