using Flux2.Client;
using ModelContextProtocol;

namespace Flux2.Mcp;

/// <summary>Turns the caller's progress reports into MCP progress notifications (queue position, provider log lines, retries).</summary>
internal sealed class Flux2McpProgressRelay(IProgress<ProgressNotificationValue> target) : IProgress<Flux2Progress>
{
    private int _step;

    /// <summary>One line for a person, e.g. "fal queued at position 3" (also a task's status message and a job's progress message).</summary>
    public static string Describe(Flux2Progress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        string message = value.Status switch
        {
            Flux2ProgressStatus.Queued when value.QueuePosition is { } position => $"queued at position {position}",
            Flux2ProgressStatus.Queued => "queued",
            Flux2ProgressStatus.Running when value.Fraction is { } fraction => $"running ({fraction:P0})",
            Flux2ProgressStatus.Running => "running",
            Flux2ProgressStatus.Completed => "completed; fetching the images",
            Flux2ProgressStatus.Waiting => "waiting for a free slot",
            Flux2ProgressStatus.Retrying => "retrying after a transient failure",
            _ => value.Status.ToString().ToLowerInvariant(),
        };
        if (!string.IsNullOrWhiteSpace(value.Message))
        {
            message += ": " + value.Message;
        }

        if (value.Provider is { } provider)
        {
            message = provider + " " + message;
        }

        return message;
    }

    /// <inheritdoc />
    public void Report(Flux2Progress value) =>
        target.Report(new ProgressNotificationValue { Progress = Interlocked.Increment(ref _step), Message = Describe(value) });
}
