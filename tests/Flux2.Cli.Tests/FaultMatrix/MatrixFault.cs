using Flux2.Simulator;

namespace Flux2.Cli.Tests.FaultMatrix;

/// <summary>One documented fault class of the matrix: how the simulator injects it into a flow, and what the user must see.</summary>
/// <param name="Name">The fault's name in test output.</param>
/// <param name="Inject">Sets the fault up on the simulator for a flow.</param>
/// <param name="Expect">The outcome for a flow.</param>
/// <param name="AppliesTo">Whether the fault exists for a flow (a synchronous flow has no poll, an inline image no download).</param>
internal sealed record MatrixFault(string Name, Action<MatrixFlow, SimulatorServer> Inject, Func<MatrixFlow, MatrixOutcome> Expect, Func<MatrixFlow, bool> AppliesTo)
{
    private static readonly TimeSpan Soon = TimeSpan.FromMilliseconds(20);

    /// <summary>Every fault class, in the order the matrix runs them.</summary>
    public static IReadOnlyList<MatrixFault> All { get; } =
    [
        OnSubmit("unauthorized", SimulatorFaultKind.Unauthorized, _ => new(3, "authentication", 1)),
        OnSubmit("out-of-credits", SimulatorFaultKind.CreditsExhausted, _ => new(3, "insufficient_credits", 1)),
        OnSubmit("invalid-input", SimulatorFaultKind.Validation, _ => new(3, "provider_validation", 1)),
        OnSubmit("content-policy", SimulatorFaultKind.ContentPolicy, _ => new(4, "content_filtered", 1)),
        OnSubmit("rate-limited-throughout", SimulatorFaultKind.RateLimited, _ => new(3, "rate_limited", MatrixFlow.MaxRetries + 1)),
        OnSubmit("500-throughout", SimulatorFaultKind.ServerError, flow => flow.Repeats500
            ? new(3, "provider_unavailable", MatrixFlow.MaxRetries + 1, Says: $"after {MatrixFlow.MaxRetries + 1} attempts")
            : new(3, "provider_unavailable", 1, Says: "after 1 attempt (a paid request is sent again only after 429, 502 or 503")),
        OnSubmit("500-once", SimulatorFaultKind.ServerError, flow => flow.Repeats500
            ? MatrixOutcome.Saved(submits: 2)
            : new(3, "provider_unavailable", 1, Says: "after 1 attempt"), times: 1),
        OnSubmit("503-once", SimulatorFaultKind.Unavailable, _ => MatrixOutcome.Saved(submits: 2), times: 1),
        OnSubmit("hung-submit", SimulatorFaultKind.Hang, _ => new(5, "timeout", 1, Says: "it was not sent again")),
        OnSubmit("dropped-submit", SimulatorFaultKind.DropConnection, _ => new(5, "network", 1, Says: "it was not sent again")),
        // Segmind answers with the image's own bytes, not JSON.
        OnSubmit("cut-off-json", SimulatorFaultKind.MalformedJson, _ => new(3, "malformed_response", 1), applies: flow => flow.Name != "segmind"),
        // A job that ran and failed: a job's own end state where it is polled; a synchronous call can only answer 500, which is
        // sent again where the provider documents that (fal marks its own X-Fal-Retryable: false).
        OnSubmit("job-failed", SimulatorFaultKind.JobFailed, flow => flow switch
        {
            { Poll: not null } => new(3, "job_failed", 1),
            { Provider: "fal" } => new(3, "provider_unavailable", 1),
            _ => new(3, "provider_unavailable", MatrixFlow.MaxRetries + 1),
        }),
        // fal drops the images its safety checker removed, so none back means all were filtered.
        OnSubmit("no-images", SimulatorFaultKind.EmptyImages, flow => flow.Provider == "fal" ? new(4, "content_filtered", 1) : new(3, "empty_result", 1)),
        // BFL (Content Moderated) and Segmind (422) report a flagged output; the others return the pro model's image unflagged.
        OnSubmit("nsfw-flagged", SimulatorFaultKind.NsfwFlagged, flow => flow.Name is "bfl" or "segmind" ? new(4, "content_filtered", 1) : MatrixOutcome.Saved()),
        new("stuck-job",
            (_, server) => server.Options.Latency = TimeSpan.FromMinutes(5),
            flow => new(5, "timeout", 1, Cancels: flow.CancelsJobs ? 1 : 0, Says: StuckSays(flow), EndsByTheDeadline: true),
            _ => true),
        new("hung-poll-once",
            (flow, server) => Poll(flow, server, SimulatorFaultKind.Hang),
            _ => MatrixOutcome.Saved(),
            flow => flow.Poll is not null),
        new("500-on-poll-once",
            (flow, server) => Poll(flow, server, SimulatorFaultKind.ServerError),
            _ => MatrixOutcome.Saved(),
            flow => flow.Poll is not null),
        OnSubmit("expired-result-url", SimulatorFaultKind.ExpiredResultUrl, _ => new(3, "result_expired", 1), applies: flow => flow.DownloadsUrl),
        new("hung-download",
            (_, server) => server.Faults.Add("files", "get", SimulatorFaultKind.Hang, times: 10),
            _ => new(5, "timeout", 1, Says: "TotalTimeout", EndsByTheDeadline: true),
            flow => flow.DownloadsUrl),
    ];

    /// <summary>Finds a fault class by name.</summary>
    public static MatrixFault Named(string name) => All.Single(f => f.Name == name);

    /// <inheritdoc/>
    public override string ToString() => Name;

    private static MatrixFault OnSubmit(string name, SimulatorFaultKind kind, Func<MatrixFlow, MatrixOutcome> expect, int times = 10, Func<MatrixFlow, bool>? applies = null) =>
        new(name, (flow, server) => server.Faults.Add(flow.Dialect, flow.Submit, kind, times, Soon), expect, applies ?? (_ => true));

    private static void Poll(MatrixFlow flow, SimulatorServer server, SimulatorFaultKind kind)
    {
        // Long enough that the job is still running at the first poll; the poll's fault is met once, then answered.
        server.Options.Latency = TimeSpan.FromMilliseconds(200);
        server.Faults.Add(flow.Dialect, flow.Poll!, kind, times: 1);
    }

    private static string StuckSays(MatrixFlow flow) => flow switch
    {
        { CancelsJobs: true } => $"was cancelled at {flow.Provider}",
        { Poll: not null } => "BFL's API has no cancel endpoint",
        _ => "it was not sent again",
    };
}
