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

    /// <summary>
    /// Describes a failure of a tool call. An exception that is not a <see cref="Flux2Exception"/> is named by its type (and its
    /// inner exceptions' types) only, so nothing internal leaks; it is called retryable only when it is a transient kind (I/O,
    /// network, time-out), and SkiaSharp's native library failing to load is reported as the missing package it is.
    /// </summary>
    public static Flux2ToolError From(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is not Flux2Exception && SkiaNatives.IsLoadFailure(exception))
        {
            exception = SkiaNatives.Missing("This tool", exception);
        }

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
                Retryable = IsRetryable(flux.Kind),
            };
        }

        string what = TypeChain(exception);
        bool transient = IsTransient(exception);
        return new Flux2ToolError
        {
            Error = "internal_error",
            Category = "other",
            Message = transient
                ? $"The tool failed unexpectedly ({what}), which may be passing: retry once; if it fails again, report it with the server's log."
                : $"The tool failed unexpectedly ({what}). Retrying the same call will not help: report it with the server's log.",
            Retryable = transient,
        };
    }

    /// <summary>True for the kinds where the same call may succeed later (rate limits, provider outages, time-outs, dropped connections).</summary>
    private static bool IsRetryable(Flux2ErrorKind kind) =>
        kind is Flux2ErrorKind.RateLimited or Flux2ErrorKind.ProviderUnavailable or Flux2ErrorKind.Timeout
            or Flux2ErrorKind.Network or Flux2ErrorKind.MalformedResponse or Flux2ErrorKind.EmptyResult;

    private static bool IsTransient(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is TimeoutException or HttpRequestException or System.Net.Sockets.SocketException
                || (current is IOException && current is not FileNotFoundException and not DirectoryNotFoundException and not PathTooLongException))
            {
                return true;
            }
        }

        return false;
    }

    private static string TypeChain(Exception exception)
    {
        var names = new List<string>(3);
        for (Exception? current = exception; current is not null && names.Count < 3; current = current.InnerException)
        {
            names.Add(current.GetType().Name);
        }

        return names.Count == 1 ? names[0] : $"{names[0]} caused by {string.Join(" caused by ", names.Skip(1))}";
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
