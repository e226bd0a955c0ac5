using System.Text.Json;

namespace Flux2.Agents;

/// <summary>
/// Where long tool jobs (<see cref="Flux2JobRecord"/>) and the owners of the images they made are kept, so that the process that
/// runs a job, and any other that shares the store (Flux2.Redis), can read it, end it and cancel it. Records expire after
/// <see cref="TimeToLive"/>. The first end wins: once completed, failed or cancelled, a record no longer changes.
/// </summary>
public interface IFlux2JobStore
{
    /// <summary>How long a job (and an image owner) is kept after it was created.</summary>
    TimeSpan TimeToLive { get; }

    /// <summary>Keeps a new job.</summary>
    /// <exception cref="InvalidOperationException">A job with this id exists.</exception>
    /// <exception cref="Flux2.Client.Flux2Exception">The store could not be reached.</exception>
    ValueTask CreateAsync(Flux2JobRecord job, CancellationToken cancellationToken = default);

    /// <summary>The job, or null when it is unknown or has expired.</summary>
    ValueTask<Flux2JobRecord?> GetAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Records the newest progress (and its line as the message) of a working job; false when the job is unknown or has ended.</summary>
    ValueTask<bool> ReportProgressAsync(string id, Flux2JobProgress progress, CancellationToken cancellationToken = default);

    /// <summary>
    /// Ends a working job as <see cref="Flux2JobStatus.Completed"/> or <see cref="Flux2JobStatus.Failed"/> with its results;
    /// false (and nothing changes) when it is unknown or has already ended.
    /// </summary>
    ValueTask<bool> FinishAsync(
        string id, Flux2JobStatus status, string? message, JsonElement? result, JsonElement? output, JsonElement? protocolError = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Marks a working job cancelled and tells every process watching it (<see cref="WatchCancellationAsync"/>); false when it is
    /// unknown or has already ended.
    /// </summary>
    ValueTask<bool> CancelAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Calls <paramref name="onCancelled"/> once when the job is cancelled through any process sharing the store (at once when it
    /// already is), until the returned handle is disposed.
    /// </summary>
    ValueTask<IAsyncDisposable> WatchCancellationAsync(string id, Action onCancelled, CancellationToken cancellationToken = default);

    /// <summary>Records who made a stored image (see <see cref="IFlux2ImageStore"/>), for <see cref="TimeToLive"/>.</summary>
    ValueTask SetImageOwnerAsync(string imageId, string owner, CancellationToken cancellationToken = default);

    /// <summary>Who made a stored image; null when no owner was recorded (made outside a job store's users, or expired).</summary>
    ValueTask<string?> GetImageOwnerAsync(string imageId, CancellationToken cancellationToken = default);
}
