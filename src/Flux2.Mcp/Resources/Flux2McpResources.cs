using System.ComponentModel;
using Flux2.Agents;
using Flux2.Client;
using Microsoft.Extensions.Options;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Flux2.Mcp;

/// <summary>The MCP resources: generated images by id, long generate_image jobs by handle, and the capability matrix.</summary>
[McpServerResourceType]
internal sealed class Flux2McpResources(Flux2ImageTools tools, IFlux2JobStore jobs, Flux2McpImageAccess access, IOptions<Flux2McpOptions> options, TimeProvider time)
{
    /// <summary>How long clients may cache an image (ttlMs): images are immutable.</summary>
    internal static readonly TimeSpan ImageTimeToLive = TimeSpan.FromHours(24);

    /// <summary>How long clients may cache the capability matrix (ttlMs).</summary>
    internal static readonly TimeSpan ModelsTimeToLive = TimeSpan.FromHours(1);

    /// <summary>flux2://images/{id}.</summary>
    [McpServerResource(UriTemplate = Flux2ImageUris.Template, Name = "image", Title = "Generated image")]
    [Description("An image generated earlier in this session, by the id a generate_image result returned (binary blob).")]
    public async Task<ReadResourceResult> GetImageAsync([Description("The image id.")] string id, CancellationToken cancellationToken)
    {
        Flux2StoredImage? image;
        try
        {
            // Someone else's image is as unknown as one that never existed.
            image = await access.MayReadAsync(id, cancellationToken).ConfigureAwait(false)
                ? await tools.Store.GetAsync(id, cancellationToken).ConfigureAwait(false)
                : null;
        }
        catch (Flux2Exception ex)
        {
            throw new McpException(ex.Message, ex);
        }

        if (image is null)
        {
            throw new McpProtocolException(
                $"No stored image '{id}': ids are kept {tools.Store.Retention}; generate the image again.",
                McpErrorCode.ResourceNotFound);
        }

        // An image never changes under its id, and it is this user's: clients may cache it privately.
        return new ReadResourceResult
        {
            Contents = [BlobResourceContents.FromBytes(image.Data, image.Uri, image.ContentType)],
            TimeToLive = ImageTimeToLive,
            CacheScope = CacheScope.Private,
        };
    }

    /// <summary>flux2://jobs/{id}.</summary>
    [McpServerResource(UriTemplate = Flux2McpJobUris.Template, Name = "job", Title = "Image job", MimeType = "application/json")]
    [Description("A long generate_image job by the handle its result returned: its status (JSON), then its images once done.")]
    public async Task<ReadResourceResult> GetJobAsync([Description("The job id.")] string id, CancellationToken cancellationToken)
    {
        Flux2JobRecord? job;
        try
        {
            job = Flux2McpJobUris.TryGetId(id, out string? jobId) ? await jobs.GetAsync(jobId, cancellationToken).ConfigureAwait(false) : null;
        }
        catch (Flux2Exception ex)
        {
            throw new McpException(ex.Message, ex);
        }

        if (job is null || job.Owner != Flux2McpCaller.Current)
        {
            throw new McpProtocolException(
                $"No job '{id}': jobs are kept {Flux2McpJobDocuments.Describe(jobs.TimeToLive)} after they start, for the caller that started them; call generate_image again.",
                McpErrorCode.ResourceNotFound);
        }

        return await Flux2McpJobDocuments.ReadAsync(Flux2McpJobLiveness.AsSeen(job, time.GetUtcNow()), tools.Store, jobs.TimeToLive, options.Value.TaskPollIntervalMs, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>flux2://models.</summary>
    [McpServerResource(UriTemplate = Flux2ImageUris.Models, Name = "models", Title = "FLUX.2 capability matrix", MimeType = "application/json")]
    [Description("Which provider serves which FLUX.2 model, with its limits (sizes, image count, reference images, steps, guidance, formats, prices).")]
    public ReadResourceResult GetModels() => new()
    {
        // The same for everyone while this server runs (it changes with configuration, on restart).
        Contents = [new TextResourceContents { Uri = Flux2ImageUris.Models, MimeType = "application/json", Text = tools.GetModelsJson() }],
        TimeToLive = ModelsTimeToLive,
        CacheScope = CacheScope.Public,
    };
}
