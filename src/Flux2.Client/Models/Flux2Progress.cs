namespace Flux2.Client;

/// <summary>A progress report for a job that is queued or running.</summary>
public sealed record Flux2Progress
{
    /// <summary>Where the job is.</summary>
    public required Flux2ProgressStatus Status { get; init; }

    /// <summary>Position in the provider's queue (0 is next), when reported.</summary>
    public int? QueuePosition { get; init; }

    /// <summary>Fraction done, 0 to 1, when the provider reports it (BFL).</summary>
    public double? Fraction { get; init; }

    /// <summary>The newest provider log line or a human note.</summary>
    public string? Message { get; init; }

    /// <summary>The provider serving the job.</summary>
    public string? Provider { get; init; }

    /// <summary>The provider's request id, once known.</summary>
    public string? RequestId { get; init; }
}
