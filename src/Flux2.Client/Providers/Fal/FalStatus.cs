using System.Text.Json;

namespace Flux2.Client;

/// <summary>A fal queue status: IN_QUEUE, IN_PROGRESS or COMPLETED (a failed run may carry error/error_type).</summary>
internal sealed record FalStatus
{
    /// <summary>IN_QUEUE, IN_PROGRESS or COMPLETED.</summary>
    public string? Status { get; init; }

    /// <summary>Position in the queue (IN_QUEUE).</summary>
    public int? QueuePosition { get; init; }

    /// <summary>Logs so far (with ?logs=1).</summary>
    public IReadOnlyList<FalLog>? Logs { get; init; }

    /// <summary>Metrics, e.g. {"inference_time": 1.2}.</summary>
    public JsonElement? Metrics { get; init; }

    /// <summary>The result URL, when given.</summary>
    public string? ResponseUrl { get; init; }

    /// <summary>An error message of a failed run.</summary>
    public JsonElement? Error { get; init; }

    /// <summary>The error type of a failed run.</summary>
    public string? ErrorType { get; init; }
}
