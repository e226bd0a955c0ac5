namespace Flux2.Simulator;

/// <summary>The provider-neutral state of a simulated queue or polling job.</summary>
public enum SimulatorJobStatus
{
    /// <summary>Submitted, not started (fal IN_QUEUE, BFL Pending, Replicate starting).</summary>
    Queued,

    /// <summary>Running (fal IN_PROGRESS, BFL Pending with progress, Replicate processing).</summary>
    InProgress,

    /// <summary>Finished with a result (fal COMPLETED, BFL Ready, Replicate succeeded).</summary>
    Completed,

    /// <summary>Finished with an error, including moderation and content policy outcomes.</summary>
    Failed,

    /// <summary>Cancelled by the client.</summary>
    Cancelled,
}
