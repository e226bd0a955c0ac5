namespace Flux2.Client;

/// <summary>fal's answer to a queue submit.</summary>
internal sealed record FalSubmitResponse
{
    /// <summary>The request id.</summary>
    public string? RequestId { get; init; }

    /// <summary>Where the result is fetched.</summary>
    public string? ResponseUrl { get; init; }

    /// <summary>Where the status is polled.</summary>
    public string? StatusUrl { get; init; }

    /// <summary>Where the job is cancelled (PUT).</summary>
    public string? CancelUrl { get; init; }

    /// <summary>Position in the queue, when given.</summary>
    public int? QueuePosition { get; init; }
}
