using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Flux2.Agents;
using Microsoft.Extensions.AI;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace Flux2.Mcp;

/// <summary>
/// The MCP face of one of the core's tool functions: the same name, description and schemas; progress relayed as MCP progress
/// notifications; the outcome rendered as MCP content (text, previews, resource links, structured content). With
/// <paramref name="jobs"/>, generate_image runs as a job of its own (<see cref="Flux2McpRunningJob"/>): a task's job, or one the
/// call waits for at most <see cref="Flux2McpOptions.MaxWaitSeconds"/> before it returns the job's handle instead.
/// </summary>
/// <remarks>With a <paramref name="confirmation"/>, a call whose estimate is above the threshold waits for the user's answer first.</remarks>
internal sealed class Flux2McpToolFunction(
    Flux2ToolFunction inner,
    Flux2McpResultRenderer renderer,
    Flux2McpCostConfirmation? confirmation = null,
    Flux2McpJobRunner? jobs = null,
    Flux2McpOptions? options = null)
    : DelegatingAIFunction(inner)
{
    // The SDK (2.3.0) serializes whatever a tool returns with the tool's options before it looks at the type, CallToolResult included.
    private static readonly JsonSerializerOptions ResultOptions = new(Flux2AgentsJsonContext.Default.Options)
    {
        TypeInfoResolver = JsonTypeInfoResolver.Combine(Flux2AgentsJsonContext.Default, McpJsonUtilities.DefaultOptions.TypeInfoResolver),
    };

    /// <inheritdoc />
    public override JsonSerializerOptions JsonSerializerOptions => ResultOptions;

    /// <inheritdoc />
    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        var relay = arguments.Services?.GetService(typeof(IProgress<ProgressNotificationValue>)) is IProgress<ProgressNotificationValue> progress
            ? new Flux2McpProgressRelay(progress)
            : null;

        if (confirmation is not null
            && await confirmation.CheckAsync(inner, arguments, cancellationToken).ConfigureAwait(false) is { } notSent)
        {
            return notSent;
        }

        if (jobs is not null && inner.Name == Flux2ToolNames.GenerateImage)
        {
            return await RunAsJobAsync(arguments, relay, cancellationToken).ConfigureAwait(false);
        }

        if (relay is not null)
        {
            Flux2ToolFunction.SetProgress(arguments, relay);
        }

        var outcome = await inner.InvokeForOutcomeAsync(arguments, cancellationToken).ConfigureAwait(false);
        return outcome switch
        {
            { Error: { } error } => Flux2McpResultRenderer.Render(error),
            { Output: Flux2GenerateImageOutput generated } => await renderer.RenderAsync(generated, cancellationToken).ConfigureAwait(false),
            { Output: Flux2DownloadImageOutput downloaded } => await RenderDownloadAsync(downloaded, cancellationToken).ConfigureAwait(false),
            _ => throw new InvalidOperationException($"{Name} returned {outcome.Output?.GetType().Name}, which has no MCP rendering."),
        };
    }

    /// <summary>
    /// download_image's result; an image it fetched from a URL into the store (nothing saved) belongs to the caller, as the images of its
    /// generate_image calls do, so no other caller can read it by its id.
    /// </summary>
    private async Task<CallToolResult> RenderDownloadAsync(Flux2DownloadImageOutput downloaded, CancellationToken cancellationToken)
    {
        string owner = Flux2McpCaller.Current;
        bool fetched = downloaded.Path is null && downloaded.Uri is not null && downloaded.Source != downloaded.Uri;
        if (jobs is not null && fetched && owner != Flux2McpCaller.Anonymous && Flux2ImageUris.TryGetId(downloaded.Uri, out string? id))
        {
            await jobs.Store.SetImageOwnerAsync(id, owner, cancellationToken).ConfigureAwait(false);
        }

        return await renderer.RenderAsync(downloaded, cancellationToken).ConfigureAwait(false);
    }

    private async Task<CallToolResult> RunAsJobAsync(AIFunctionArguments arguments, Flux2McpProgressRelay? relay, CancellationToken cancellationToken)
    {
        var runner = jobs!;
        var settings = options ?? new Flux2McpOptions();
        var scope = Flux2McpCallScope.Current;
        string owner = scope?.Owner ?? Flux2McpCaller.Current;
        int count = scope?.NumImages ?? (arguments.TryGetValue("num_images", out object? n) && n is JsonElement { ValueKind: JsonValueKind.Number } e && e.TryGetInt32(out int c) && c > 0 ? c : 1);

        // The job gets its own copy of the arguments, without the request's services: it may outlive the request.
        var own = new AIFunctionArguments(arguments) { Context = arguments.Context is null ? null : new Dictionary<object, object?>(arguments.Context) };
        Func<IProgress<Flux2.Client.Flux2Progress>, CancellationToken, Task<Flux2McpJobOutcome>> work = (progress, token) => GenerateAsync(own, progress, token);

        if (scope?.TaskJobId is { } taskJobId)
        {
            // A task: the extension created the record and waits in the background; its tasks/cancel cancels the token.
            var task = await runner.StartAsync(taskJobId, owner, count, published: true, work, cancellationToken).ConfigureAwait(false);
            return await task.Completion.ConfigureAwait(false);
        }

        var job = await runner.StartAsync(Flux2McpJobUris.NewId(), owner, count, published: false, work, CancellationToken.None).ConfigureAwait(false);
        job.Listen(relay);
        try
        {
            return await job.Completion.WaitAsync(TimeSpan.FromSeconds(settings.MaxWaitSeconds), runner.Time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // The call stops waiting, the job goes on: from now on only tasks/cancel of its id stops it.
            job.Listen(null);
            if (await job.PublishAsync(runner.Time.GetUtcNow()).ConfigureAwait(false))
            {
                return Flux2McpJobDocuments.Pending(job, runner.Time.GetUtcNow() - job.StartedAt, runner.Store.TimeToLive, settings.TaskPollIntervalMs, settings.ResultShape);
            }

            return await job.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client cancelled the call while it waited: notifications/cancelled, or on the 2026-07-28 HTTP wire the closing of
            // the call's stream, which that revision defines as the cancel. The provider's job is cancelled with it.
            job.Listen(null);
            job.Cancel();
            throw;
        }
        catch (OperationCanceledException)
        {
            return Flux2McpResultRenderer.Render(new Flux2ToolError
            {
                Error = "cancelled",
                Category = "other",
                Message = $"The job {job.Id} was cancelled before it ended; nothing more will be made. Call generate_image again to make the image.",
            });
        }
    }

    private async Task<Flux2McpJobOutcome> GenerateAsync(AIFunctionArguments arguments, IProgress<Flux2.Client.Flux2Progress> progress, CancellationToken cancellationToken)
    {
        Flux2ToolFunction.SetProgress(arguments, progress);
        var outcome = await inner.InvokeForOutcomeAsync(arguments, cancellationToken).ConfigureAwait(false);
        if (outcome is { Error: { } error })
        {
            return new Flux2McpJobOutcome(
                Flux2McpResultRenderer.Render(error),
                JsonSerializer.SerializeToElement(error, Flux2AgentsJsonContext.Default.Flux2ToolError),
                IsError: true,
                error.ToString(),
                []);
        }

        var generated = outcome.Output as Flux2GenerateImageOutput
            ?? throw new InvalidOperationException($"{Name} returned {outcome.Output?.GetType().Name}, not images.");
        var result = await renderer.RenderAsync(generated, cancellationToken).ConfigureAwait(false);
        string summary = Flux2McpResultRenderer.Summarize(generated);
        int end = summary.IndexOf('\n', StringComparison.Ordinal);
        return new Flux2McpJobOutcome(
            result,
            JsonSerializer.SerializeToElement(generated, Flux2AgentsJsonContext.Default.Flux2GenerateImageOutput),
            IsError: false,
            end < 0 ? summary : summary[..end],
            [.. generated.Images.Where(i => i.Id is not null).Select(i => i.Id!)]);
    }
}
