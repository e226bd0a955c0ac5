using System.Text.Json;
using Flux2.Agents;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace Flux2.Mcp;

/// <summary>
/// Tells a job whose replica stopped from one that is still running: a running job's record is touched every
/// <see cref="Heartbeat"/>, so a working record untouched for <see cref="StaleAfter"/> is shown as failed (its server stopped)
/// instead of working until it expires.
/// </summary>
internal static class Flux2McpJobLiveness
{
    /// <summary>How often a running, published job touches its record.</summary>
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    /// <summary>How long a working record may go untouched before its job counts as lost.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(60);

    /// <summary>The record as callers see it at <paramref name="now"/>: failed when its server has stopped, otherwise unchanged.</summary>
    public static Flux2JobRecord AsSeen(Flux2JobRecord job, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.Status != Flux2JobStatus.Working || now - job.UpdatedAt <= StaleAfter)
        {
            return job;
        }

        string message = $"The server running job {job.Id} stopped before it ended (no sign of it since {job.UpdatedAt.UtcDateTime:u}); "
            + "its images will not come. Call generate_image again.";
        return job with
        {
            Status = Flux2JobStatus.Failed,
            Message = message,
            Error = JsonSerializer.SerializeToElement(
                new JsonRpcErrorDetail { Code = (int)McpErrorCode.InternalError, Message = message },
                McpJsonUtilities.DefaultOptions.GetTypeInfo<JsonRpcErrorDetail>()),
        };
    }
}
