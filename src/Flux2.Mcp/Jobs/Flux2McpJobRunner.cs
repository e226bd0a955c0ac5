using Flux2.Agents;
using Flux2.Client;

namespace Flux2.Mcp;

/// <summary>Starts generate_image jobs (<see cref="Flux2McpRunningJob"/>) against the server's <see cref="IFlux2JobStore"/>.</summary>
internal sealed class Flux2McpJobRunner(IFlux2JobStore store, TimeProvider time, ILogger<Flux2McpJobRunner> logger)
{
    /// <summary>The store jobs are published to.</summary>
    public IFlux2JobStore Store => store;

    /// <summary>The clock of waits and records.</summary>
    public TimeProvider Time => time;

    /// <summary>
    /// Starts a job on its own token (cancelled only by <paramref name="explicitCancel"/>, <see cref="Flux2McpRunningJob.Cancel"/> or a
    /// cancel through the store). <paramref name="published"/>: the job's record already exists (a task).
    /// </summary>
    public Task<Flux2McpRunningJob> StartAsync(
        string id,
        string owner,
        int numImages,
        bool published,
        Func<IProgress<Flux2Progress>, CancellationToken, Task<Flux2McpJobOutcome>> work,
        CancellationToken explicitCancel = default) =>
        Flux2McpRunningJob.StartAsync(store, logger, time, id, owner, numImages, published, work, explicitCancel);
}
