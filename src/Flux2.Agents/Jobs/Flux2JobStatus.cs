namespace Flux2.Agents;

/// <summary>Where a long tool job (<see cref="Flux2JobRecord"/>) is in its life.</summary>
public enum Flux2JobStatus
{
    /// <summary>Running (queued at the provider, running, or fetching its images).</summary>
    Working,

    /// <summary>Done; the result is in the record.</summary>
    Completed,

    /// <summary>Ended with an error; the error is in the record.</summary>
    Failed,

    /// <summary>Cancelled by its owner before it ended.</summary>
    Cancelled,
}
