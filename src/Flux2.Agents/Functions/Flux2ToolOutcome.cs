using System.Text.Json;

namespace Flux2.Agents;

/// <summary>
/// What one tool call produced, typed: the output (<see cref="Flux2GenerateImageOutput"/> or <see cref="Flux2DownloadImageOutput"/>)
/// or the error an agent can act on. Faces render it in their idiom; <see cref="ToJsonElement"/> is the JSON every face shares.
/// </summary>
public sealed class Flux2ToolOutcome
{
    private Flux2ToolOutcome(object? output, Flux2ToolError? error)
    {
        Output = output;
        Error = error;
    }

    /// <summary>The output when the call succeeded; null when it failed.</summary>
    public object? Output { get; }

    /// <summary>The error when the call failed; null when it succeeded.</summary>
    public Flux2ToolError? Error { get; }

    /// <summary>True when the call failed.</summary>
    public bool IsError => Error is not null;

    /// <summary>A successful call's outcome.</summary>
    public static Flux2ToolOutcome Succeeded(object output) => new(output ?? throw new ArgumentNullException(nameof(output)), null);

    /// <summary>A failed call's outcome.</summary>
    public static Flux2ToolOutcome Failed(Flux2ToolError error) => new(null, error ?? throw new ArgumentNullException(nameof(error)));

    /// <summary>The output or error as JSON (snake_case, nulls omitted): what function-calling models read.</summary>
    public JsonElement ToJsonElement() => (Output, Error) switch
    {
        (Flux2GenerateImageOutput generated, _) => JsonSerializer.SerializeToElement(generated, Flux2AgentsJsonContext.Default.Flux2GenerateImageOutput),
        (Flux2DownloadImageOutput downloaded, _) => JsonSerializer.SerializeToElement(downloaded, Flux2AgentsJsonContext.Default.Flux2DownloadImageOutput),
        (_, { } error) => JsonSerializer.SerializeToElement(error, Flux2AgentsJsonContext.Default.Flux2ToolError),
        _ => throw new InvalidOperationException($"No JSON contract for {Output?.GetType().Name}."),
    };
}
