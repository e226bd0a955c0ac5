using System.Text.Json;

namespace Flux2.Agents;

/// <summary>
/// A long tool job as every process sees it in an <see cref="IFlux2JobStore"/>: who started it, where it is, and once it has
/// ended its result. The MCP server shows the same record as a task (<c>tasks/get</c>) and as a job handle (<c>flux2://jobs/{id}</c>).
/// </summary>
public sealed record Flux2JobRecord
{
    /// <summary>The job id (24 lower-case hex digits in the MCP server, where it is also the task id).</summary>
    public required string Id { get; init; }

    /// <summary>Who started it: an identity string such as <c>sub:alice</c>, <c>token:3f2a...</c> or <c>anonymous</c>; only that caller may read or cancel it.</summary>
    public required string Owner { get; init; }

    /// <summary>The tool that runs, e.g. <c>generate_image</c>.</summary>
    public required string Tool { get; init; }

    /// <summary>Where the job is.</summary>
    public Flux2JobStatus Status { get; init; } = Flux2JobStatus.Working;

    /// <summary>When it was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it last changed (progress, end).</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>How many images were asked for.</summary>
    public int NumImages { get; init; } = 1;

    /// <summary>The newest progress report, while working (and the last one after).</summary>
    public Flux2JobProgress? Progress { get; init; }

    /// <summary>One line for a person: the progress while working, the summary or the error once ended.</summary>
    public string? Message { get; init; }

    /// <summary>The face's whole result once ended (in MCP, the <c>CallToolResult</c> a direct call returns).</summary>
    public JsonElement? Result { get; init; }

    /// <summary>The tool's face-neutral output once ended: the tool's result object, or its error object when it failed.</summary>
    public JsonElement? Output { get; init; }

    /// <summary>A protocol-level error (JSON-RPC error object) when the job failed outside the tool.</summary>
    public JsonElement? Error { get; init; }
}
