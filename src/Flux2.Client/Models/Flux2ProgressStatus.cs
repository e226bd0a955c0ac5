namespace Flux2.Client;

/// <summary>Where a job is in its life.</summary>
public enum Flux2ProgressStatus
{
    /// <summary>Submitted and waiting in the provider's queue.</summary>
    Queued,

    /// <summary>The model is running.</summary>
    Running,

    /// <summary>Done; the result is being fetched.</summary>
    Completed,

    /// <summary>Waiting for a local concurrency slot or a rate-limit window before it is sent.</summary>
    Waiting,

    /// <summary>Being retried after a transient failure.</summary>
    Retrying,
}
