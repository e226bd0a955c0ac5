namespace Flux2.Agents;

/// <summary>The newest progress of a long tool job, as the provider reported it (see <see cref="Flux2.Client.Flux2Progress"/>).</summary>
public sealed record Flux2JobProgress
{
    /// <summary>submitted, queued, running, completed (fetching the images), waiting or retrying.</summary>
    public required string Status { get; init; }

    /// <summary>Position in the provider's queue (0 is next), when reported.</summary>
    public int? QueuePosition { get; init; }

    /// <summary>Fraction done, 0 to 1, when the provider reports it.</summary>
    public double? Fraction { get; init; }

    /// <summary>One line for a person, e.g. "fal queued at position 3".</summary>
    public string? Message { get; init; }

    /// <summary>The provider serving the job, once known.</summary>
    public string? Provider { get; init; }

    /// <summary>The provider's request id, once known.</summary>
    public string? RequestId { get; init; }
}
