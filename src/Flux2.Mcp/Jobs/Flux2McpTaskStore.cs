using System.Text.Json;
using Flux2.Agents;
using ModelContextProtocol;
using ModelContextProtocol.Extensions.Tasks;
using ModelContextProtocol.Protocol;

namespace Flux2.Mcp;

/// <summary>
/// The MCP Tasks extension's <see cref="IMcpTaskStore"/> over the server's <see cref="IFlux2JobStore"/>: a task is a generate_image
/// job under the same id, so it lives where jobs live (this process, or Redis for every replica), for as long as images are kept.
/// Only the caller that created a task sees it (<c>tasks/get</c>) or cancels it (<c>tasks/cancel</c>); a cancel through any replica
/// reaches the replica that runs the job. generate_image asks nothing while it runs, so a task never needs input.
/// </summary>
/// <remarks>
/// The extension takes its store when the server is configured, before the service provider exists; the job store is attached
/// (<see cref="Attach"/>) when the server's options are built, so the task store follows whichever job store is registered.
/// </remarks>
internal sealed class Flux2McpTaskStore(int pollIntervalMs) : IMcpTaskStore
{
    private IFlux2JobStore? _jobs;
    private TimeProvider _time = TimeProvider.System;

    private IFlux2JobStore Jobs => _jobs ?? throw new InvalidOperationException("The task store is not attached to a job store yet.");

    /// <summary>Binds the store to the server's job store and clock.</summary>
    public void Attach(IFlux2JobStore jobStore, TimeProvider time)
    {
        _jobs = jobStore;
        _time = time;
    }

    /// <inheritdoc />
    public event Action<InputResponseReceivedEventArgs>? InputResponseReceived
    {
        add { }
        remove { }
    }

    /// <inheritdoc />
    public async Task<McpTaskInfo> CreateTaskAsync(CancellationToken cancellationToken = default)
    {
        var scope = Flux2McpCallScope.Current
            ?? throw new InvalidOperationException("A task was asked for outside a generate_image call; only generate_image runs as a task.");
        var now = _time.GetUtcNow();
        var record = new Flux2JobRecord
        {
            Id = Flux2McpJobUris.NewId(),
            Owner = scope.Owner,
            Tool = Flux2ToolNames.GenerateImage,
            CreatedAt = now,
            UpdatedAt = now,
            NumImages = scope.NumImages,
            Progress = new Flux2JobProgress { Status = "submitted", Message = "submitted; waiting for the provider" },
            Message = "submitted; waiting for the provider",
        };
        await Jobs.CreateAsync(record, cancellationToken).ConfigureAwait(false);
        scope.TaskJobId = record.Id;
        return ToInfo(record);
    }

    /// <inheritdoc />
    public async Task<McpTaskInfo?> GetTaskAsync(string taskId, CancellationToken cancellationToken = default) =>
        await FindOwnAsync(taskId, cancellationToken).ConfigureAwait(false) is { } record ? ToInfo(record) : null;

    /// <inheritdoc />
    public async Task SetCompletedAsync(string taskId, JsonElement result, CancellationToken cancellationToken = default)
    {
        // The job has normally recorded its own end already (the first end wins); this covers a result the job did not make.
        bool isError = result.ValueKind == JsonValueKind.Object && result.TryGetProperty("isError", out var flag) && flag.ValueKind == JsonValueKind.True;
        await Jobs.FinishAsync(taskId, isError ? Flux2JobStatus.Failed : Flux2JobStatus.Completed, null, result, null, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task SetFailedAsync(string taskId, JsonElement error, CancellationToken cancellationToken = default)
    {
        string? message = error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var text) ? text.GetString() : null;
        await Jobs.FinishAsync(taskId, Flux2JobStatus.Failed, message, null, null, error, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<bool> SetCancelledAsync(string taskId, CancellationToken cancellationToken = default)
    {
        if (await FindOwnAsync(taskId, cancellationToken).ConfigureAwait(false) is null)
        {
            // tasks/cancel of a task that is not the caller's, or unknown: the same answer as tasks/get gives.
            throw new McpProtocolException($"Unknown task: '{taskId}'", McpErrorCode.InvalidParams);
        }

        return await Jobs.CancelAsync(taskId, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task ResolveInputRequestsAsync(string taskId, IDictionary<string, InputResponse> inputResponses, CancellationToken cancellationToken = default) =>
        throw new McpProtocolException($"Task '{taskId}' asks for no input: generate_image needs none while it runs.", McpErrorCode.InvalidParams);

    /// <inheritdoc />
    public Task SetInputRequestsAsync(string taskId, IDictionary<string, InputRequest> inputRequests, CancellationToken cancellationToken = default) =>
        throw new McpException("generate_image cannot ask the client anything while it runs as a task.");

    private async Task<Flux2JobRecord?> FindOwnAsync(string taskId, CancellationToken cancellationToken)
    {
        if (!Flux2McpJobUris.TryGetId(taskId, out string? id) || id != taskId)
        {
            return null;
        }

        var record = await Jobs.GetAsync(id, cancellationToken).ConfigureAwait(false);
        return record is not null && record.Owner == Flux2McpCaller.Current ? Flux2McpJobLiveness.AsSeen(record, _time.GetUtcNow()) : null;
    }

    private McpTaskInfo ToInfo(Flux2JobRecord record)
    {
        // A tool error is a completed task whose result says isError (the extension's rule); Failed is for protocol errors only.
        var (status, result, error) = record.Status switch
        {
            Flux2JobStatus.Completed => (McpTaskStatus.Completed, record.Result, (JsonElement?)null),
            Flux2JobStatus.Failed when record.Result is { } toolError => (McpTaskStatus.Completed, toolError, null),
            Flux2JobStatus.Failed => (McpTaskStatus.Failed, null, record.Error ?? JsonSerializer.SerializeToElement(
                new JsonRpcErrorDetail { Code = (int)McpErrorCode.InternalError, Message = record.Message ?? "The job failed." },
                McpJsonUtilities.DefaultOptions.GetTypeInfo<JsonRpcErrorDetail>())),
            Flux2JobStatus.Cancelled => (McpTaskStatus.Cancelled, null, null),
            _ => (McpTaskStatus.Working, null, null),
        };
        return new McpTaskInfo(
            record.Id,
            status,
            record.CreatedAt,
            record.UpdatedAt,
            Jobs.TimeToLive,
            pollIntervalMs,
            record.Message,
            result,
            error);
    }
}
