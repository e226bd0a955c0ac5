namespace Flux2.Simulator.Dialects.Fal;

/// <summary>fal queue status (IN_QUEUE, IN_PROGRESS, COMPLETED).</summary>
internal sealed record FalStatus(
    string Status,
    string RequestId,
    string ResponseUrl,
    string StatusUrl,
    string CancelUrl,
    int? QueuePosition = null,
    IReadOnlyList<FalLog>? Logs = null,
    FalMetrics? Metrics = null,
    string? Error = null,
    string? ErrorType = null);
