using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Flux2.Agents;
using ModelContextProtocol.Protocol;

namespace Flux2.Mcp;

/// <summary>
/// The two shapes of a long job that clients see (docs/mcp.md, "Long jobs: tasks and job handles"): the pending generate_image
/// result with the job's handle, and the job document that <c>resources/read flux2://jobs/{id}</c> returns.
/// </summary>
internal static class Flux2McpJobDocuments
{
    /// <summary>The result of a call still running at <see cref="Flux2McpOptions.MaxWaitSeconds"/>: not an error, the handle as a resource link.</summary>
    public static CallToolResult Pending(Flux2McpRunningJob job, TimeSpan waited, TimeSpan keptFor, int pollIntervalMs, Flux2McpResultShape shape)
    {
        ArgumentNullException.ThrowIfNull(job);
        string uri = Flux2McpJobUris.For(job.Id);
        var progress = job.Progress;
        var structured = new JsonObject
        {
            ["status"] = "working",
            ["job_id"] = job.Id,
            ["job_uri"] = uri,
            ["num_images"] = job.NumImages,
            ["progress"] = ToJson(progress),
            ["poll_interval_ms"] = pollIntervalMs,
            ["images"] = new JsonArray(),
            ["warnings"] = new JsonArray(),
        };
        var element = JsonSerializer.SerializeToElement(structured, Flux2AgentsJsonContext.Default.JsonNode);
        if (shape == Flux2McpResultShape.Structured)
        {
            return new CallToolResult { Content = [new TextContentBlock { Text = element.GetRawText() }], StructuredContent = element };
        }

        int again = Math.Clamp((int)Math.Ceiling(waited.TotalSeconds / 2), 5, 60);
        string text = string.Create(CultureInfo.InvariantCulture,
            $"Still making {job.NumImages} image{(job.NumImages == 1 ? "" : "s")} ({progress.Message}) after {waited.TotalSeconds:0} s; the job goes on. "
            + $"To get {(job.NumImages == 1 ? "it" : "them")}, read the resource {uri} (resources/read) in about {again} s, and again until its status is completed; "
            + $"it is kept for {Describe(keptFor)}.");
        return new CallToolResult
        {
            Content =
            [
                new TextContentBlock { Text = text },
                new ResourceLinkBlock
                {
                    Uri = uri,
                    Name = "job-" + job.Id,
                    Title = "Image job " + job.Id,
                    MimeType = "application/json",
                    Description = "Status of the generate_image job; the images once it is done",
                },
            ],
            StructuredContent = shape == Flux2McpResultShape.Both ? element : null,
        };
    }

    /// <summary>
    /// <c>resources/read flux2://jobs/{id}</c>: the job document, then (once completed) each stored image as a blob, as
    /// <c>flux2://images/{id}</c> gives it.
    /// </summary>
    public static async Task<ReadResourceResult> ReadAsync(
        Flux2JobRecord job, IFlux2ImageStore images, TimeSpan keptFor, int pollIntervalMs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(images);
        string uri = Flux2McpJobUris.For(job.Id);
        var document = new JsonObject
        {
            ["id"] = job.Id,
            ["uri"] = uri,
            ["tool"] = job.Tool,
            ["status"] = StatusName(job.Status),
            ["num_images"] = job.NumImages,
            ["created_at"] = Timestamp(job.CreatedAt),
            ["updated_at"] = Timestamp(job.UpdatedAt),
            ["expires_at"] = Timestamp(job.CreatedAt + keptFor),
            ["poll_interval_ms"] = pollIntervalMs,
        };
        if (job.Message is { } message)
        {
            document["message"] = message;
        }

        if (job.Progress is { } progress)
        {
            document["progress"] = ToJson(progress);
        }

        var contents = new List<ResourceContents>();
        if (job.Status == Flux2JobStatus.Completed && job.Output is { } output)
        {
            document["result"] = JsonNode.Parse(output.GetRawText());
            if (output.TryGetProperty("images", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var image in list.EnumerateArray())
                {
                    if (image.TryGetProperty("id", out var id) && id.GetString() is { } imageId
                        && await images.GetAsync(imageId, cancellationToken).ConfigureAwait(false) is { } stored)
                    {
                        contents.Add(BlobResourceContents.FromBytes(stored.Data, stored.Uri, stored.ContentType));
                    }
                }
            }
        }
        else if (job.Status == Flux2JobStatus.Failed)
        {
            document["error"] = job.Output is { } error ? JsonNode.Parse(error.GetRawText())
                : job.Error is { } rpc ? JsonNode.Parse(rpc.GetRawText())
                : new JsonObject { ["error"] = "internal_error", ["message"] = job.Message ?? "The job failed." };
        }

        contents.Insert(0, new TextResourceContents
        {
            Uri = uri,
            MimeType = "application/json",
            Text = document.ToJsonString(Flux2AgentsJsonContext.Default.Options),
        });
        return new ReadResourceResult { Contents = contents };
    }

    /// <summary>The name of a status in documents and results: working, completed, failed or cancelled.</summary>
    public static string StatusName(Flux2JobStatus status) => status switch
    {
        Flux2JobStatus.Completed => "completed",
        Flux2JobStatus.Failed => "failed",
        Flux2JobStatus.Cancelled => "cancelled",
        _ => "working",
    };

    /// <summary>A retention as a phrase ("24 h", "30 min").</summary>
    public static string Describe(TimeSpan span) =>
        span.TotalHours >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalHours:0.#} h") : string.Create(CultureInfo.InvariantCulture, $"{span.TotalMinutes:0} min");

    private static JsonObject ToJson(Flux2JobProgress progress)
    {
        var node = new JsonObject { ["status"] = progress.Status };
        if (progress.QueuePosition is { } position)
        {
            node["queue_position"] = position;
        }

        if (progress.Fraction is { } fraction)
        {
            node["fraction"] = fraction;
        }

        if (progress.Message is { } message)
        {
            node["message"] = message;
        }

        if (progress.Provider is { } provider)
        {
            node["provider"] = provider;
        }

        if (progress.RequestId is { } requestId)
        {
            node["request_id"] = requestId;
        }

        return node;
    }

    private static string Timestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
