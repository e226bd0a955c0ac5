using System.Text;
using System.Text.Json;
using Flux2.Simulator.Hosting;

namespace Flux2.Simulator.Dialects.Fal;

/// <summary>fal's queue host (https://queue.fal.run): submit, status (polling and SSE), result and cancel.</summary>
internal sealed class FalQueueDialect : FalDialectBase
{
    private const string Prefix = "fal-queue";

    public FalQueueDialect(SimulatorEngine engine)
        : base(engine)
    {
    }

    public override string Name => "fal-queue";

    /// <summary>Dispatches every request under <c>/fal-queue/</c>.</summary>
    public Task RunAsync(HttpContext context)
    {
        var path = context.Request.Path.Value!["/fal-queue/".Length..].Trim('/');
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var at = Array.IndexOf(parts, "requests", 2);
        var method = context.Request.Method;
        if (at < 0 || at + 1 >= parts.Length)
        {
            return HttpMethods.IsPost(method) && parts.Length >= 2
                ? SubmitAsync(context, path)
                : NotFoundAsync(context, "Path not found");
        }

        var app = string.Join('/', parts[..at]);
        var id = parts[at + 1];
        var tail = string.Join('/', parts[(at + 2)..]);
        return (method, tail) switch
        {
            ("GET", "status") => StatusAsync(context, app, id),
            ("GET", "status/stream") => StreamAsync(context, app, id),
            ("GET", "") => ResultAsync(context, app, id),
            ("PUT", "cancel") => CancelAsync(context, app, id),
            _ => NotFoundAsync(context, "Path not found"),
        };
    }

    private async Task SubmitAsync(HttpContext context, string appId)
    {
        if (await AdmitAsync(context, "submit", appId).ConfigureAwait(false) is not var (requestId, scope, spec, syncMode))
        {
            return;
        }

        var baseApp = FalModels.BaseApp(appId);
        var extra = syncMode ? $"{appId}\nsync" : appId;
        var job = Engine.StartJob(requestId, Name, appId, scope.ApiKey, spec, scope.Latency, extra);
        var urls = Urls(baseApp, job.Id);
        var answer = new FalSubmitResponse("IN_QUEUE", job.Id, urls.Response, urls.Status, urls.Cancel, 0);
        if (Engine.Options.SubmitAnswerDelay > TimeSpan.Zero)
        {
            // The job runs already; only its answer is late (a client that drops the request now leaves it running).
            await Task.Delay(Engine.Options.SubmitAnswerDelay, Engine.Stopping).ConfigureAwait(false);
        }

        await WriteJsonAsync(context, 200, answer, SimulatorJsonContext.Default.FalSubmitResponse, scope.Malformed).ConfigureAwait(false);
    }

    private async Task StatusAsync(HttpContext context, string app, string id)
    {
        var (job, scope) = await FindAsync(context, "status", app, id).ConfigureAwait(false);
        if (job is null)
        {
            return;
        }

        var status = Status(job, app, context.Request.Query["logs"] == "1");
        await WriteJsonAsync(context, job.IsFinished ? 200 : 202, status, SimulatorJsonContext.Default.FalStatus, scope!.Malformed).ConfigureAwait(false);
    }

    private async Task StreamAsync(HttpContext context, string app, string id)
    {
        var (job, _) = await FindAsync(context, "status-stream", app, id).ConfigureAwait(false);
        if (job is null)
        {
            return;
        }

        var logs = context.Request.Query["logs"] == "1";
        context.Response.StatusCode = 200;
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, Engine.Stopping);
        try
        {
            while (true)
            {
                var changed = job.Changed;
                var finished = job.IsFinished;
                var json = JsonSerializer.Serialize(Status(job, app, logs), SimulatorJsonContext.Default.FalStatus);
                await context.Response.WriteAsync($"data: {json}\n\n", Encoding.UTF8, linked.Token).ConfigureAwait(false);
                await context.Response.Body.FlushAsync(linked.Token).ConfigureAwait(false);
                if (finished)
                {
                    return;
                }

                await changed.WaitAsync(linked.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The client closed the stream.
        }
    }

    private async Task ResultAsync(HttpContext context, string app, string id)
    {
        var (job, scope) = await FindAsync(context, "result", app, id).ConfigureAwait(false);
        if (job is null)
        {
            return;
        }

        switch (job.Status)
        {
            case SimulatorJobStatus.Completed:
                var lines = job.Extra!.Split('\n');
                var output = FalModels.Output(lines[0], job.Spec, job.Images, lines.Length > 1, InferenceSeconds(job));
                await WriteJsonAsync(context, 200, output, SimulatorJsonContext.Default.FalOutput, scope!.Malformed).ConfigureAwait(false);
                break;
            case SimulatorJobStatus.Failed:
                await WriteFalErrorAsync(context, job.Outcome ?? SimulatorFaultKind.JobFailed, null, job.Spec.Prompt).ConfigureAwait(false);
                break;
            case SimulatorJobStatus.Cancelled:
                context.Response.Headers["X-Fal-Error-Type"] = "client_cancelled";
                context.Response.Headers["X-Fal-Retryable"] = "false";
                await WriteJsonAsync(context, 499, new FalError("Request was cancelled by the client", "client_cancelled"), SimulatorJsonContext.Default.FalError).ConfigureAwait(false);
                break;
            default:
                await WriteJsonAsync(context, 400, new FalError("Request is still in progress"), SimulatorJsonContext.Default.FalError).ConfigureAwait(false);
                break;
        }
    }

    private async Task CancelAsync(HttpContext context, string app, string id)
    {
        context.Response.Headers["x-fal-request-id"] = id;
        var scope = await BeginAsync(context, "cancel").ConfigureAwait(false);
        if (scope is null)
        {
            return;
        }

        if (!Engine.Jobs.TryGetValue(id, out var job) || job.Dialect != Name || FalModels.BaseApp(job.Model) != app)
        {
            await WriteJsonAsync(context, 404, new FalCancelResponse("NOT_FOUND"), SimulatorJsonContext.Default.FalCancelResponse).ConfigureAwait(false);
            return;
        }

        var cancelled = job.TryCancel();
        await WriteJsonAsync(
            context,
            cancelled ? 202 : 400,
            new FalCancelResponse(cancelled ? "CANCELLATION_REQUESTED" : "ALREADY_COMPLETED"),
            SimulatorJsonContext.Default.FalCancelResponse).ConfigureAwait(false);
    }

    private async Task<(SimulatorJob? Job, RequestScope? Scope)> FindAsync(HttpContext context, string operation, string app, string id)
    {
        context.Response.Headers["x-fal-request-id"] = id;
        var scope = await BeginAsync(context, operation).ConfigureAwait(false);
        if (scope is null)
        {
            return (null, null);
        }

        // Status, result and cancel live under owner/alias only: a client that keeps the sub-path gets 404, as on fal.
        if (!Engine.Jobs.TryGetValue(id, out var job) || job.Dialect != Name || FalModels.BaseApp(job.Model) != app)
        {
            await NotFoundAsync(context, $"Request {id} not found").ConfigureAwait(false);
            return (null, null);
        }

        return (job, scope);
    }

    private FalStatus Status(SimulatorJob job, string app, bool logs)
    {
        var urls = Urls(app, job.Id);
        return job.Status switch
        {
            SimulatorJobStatus.Queued => new FalStatus("IN_QUEUE", job.Id, urls.Response, urls.Status, urls.Cancel, QueuePosition: 0),
            SimulatorJobStatus.InProgress => new FalStatus("IN_PROGRESS", job.Id, urls.Response, urls.Status, urls.Cancel, Logs: logs ? Logs(job) : null),
            _ => new FalStatus(
                "COMPLETED",
                job.Id,
                urls.Response,
                urls.Status,
                urls.Cancel,
                Logs: logs ? Logs(job) : null,
                Metrics: new FalMetrics(InferenceSeconds(job)),
                Error: job.Status switch
                {
                    SimulatorJobStatus.Failed when job.Outcome is SimulatorFaultKind.ContentPolicy or SimulatorFaultKind.Moderated => "Content policy violation",
                    SimulatorJobStatus.Failed => "The model failed to generate an image.",
                    SimulatorJobStatus.Cancelled => "Request was cancelled by the client",
                    _ => null,
                },
                ErrorType: job.Status switch
                {
                    SimulatorJobStatus.Failed when job.Outcome is SimulatorFaultKind.ContentPolicy or SimulatorFaultKind.Moderated => "content_policy_violation",
                    SimulatorJobStatus.Failed => "internal_error",
                    SimulatorJobStatus.Cancelled => "client_cancelled",
                    _ => null,
                }),
        };
    }

    private static List<FalLog> Logs(SimulatorJob job)
    {
        var logs = new List<FalLog> { new("Loading model", "INFO", "USER", FalModels.Timestamp(job.StartedAt ?? job.CreatedAt)) };
        logs.Add(new FalLog("Generating image", "INFO", "USER", FalModels.Timestamp(job.StartedAt ?? job.CreatedAt)));
        if (job.CompletedAt is { } done)
        {
            logs.Add(new FalLog("Done", "INFO", "USER", FalModels.Timestamp(done)));
        }

        return logs;
    }

    private static double InferenceSeconds(SimulatorJob job) =>
        job.CompletedAt is { } done && job.StartedAt is { } started ? FalModels.Seconds(done - started) : 0;

    private (string Response, string Status, string Cancel) Urls(string baseApp, string id)
    {
        var response = new Uri(Engine.BaseUrl, $"{Prefix}/{baseApp}/requests/{id}").ToString();
        return (response, response + "/status", response + "/cancel");
    }

    private static Task NotFoundAsync(HttpContext context, string detail) =>
        WriteJsonAsync(context, 404, new FalError(detail), SimulatorJsonContext.Default.FalError);
}
