using System.Text.Json;
using Flux2.Agents;
using ModelContextProtocol.Protocol;

namespace Flux2.Mcp;

/// <summary>
/// Keeps images to the caller that made them: an image with a recorded owner (<see cref="IFlux2JobStore.GetImageOwnerAsync"/>) is
/// readable only by that caller, through <c>resources/read</c>, <c>download_image</c> or <c>reference_images</c>; to anyone else it
/// is unknown, in the same words as an id that never existed. Images with no owner (made anonymously, e.g. over stdio) stay open.
/// </summary>
internal sealed class Flux2McpImageAccess(IFlux2JobStore jobs, IFlux2ImageStore images)
{
    /// <summary>True when the current caller may read the image (or the text is no image id).</summary>
    public async Task<bool> MayReadAsync(string idOrUri, CancellationToken cancellationToken)
    {
        if (!Flux2ImageUris.TryGetId(idOrUri, out string? id))
        {
            return true;
        }

        string? owner = await jobs.GetImageOwnerAsync(id, cancellationToken).ConfigureAwait(false);
        return owner is null || owner == Flux2McpCaller.Current;
    }

    /// <summary>The error result for a tool call that names an image of someone else; null when it names none.</summary>
    public async Task<CallToolResult?> CheckAsync(CallToolRequestParams? call, CancellationToken cancellationToken)
    {
        if (call?.Arguments is not { } arguments)
        {
            return null;
        }

        if (call.Name == Flux2ToolNames.DownloadImage && arguments.TryGetValue("url", out var url) && url.ValueKind == JsonValueKind.String)
        {
            return await CheckOneAsync(url.GetString()!, "url", cancellationToken).ConfigureAwait(false);
        }

        if (call.Name == Flux2ToolNames.GenerateImage && arguments.TryGetValue("reference_images", out var references) && references.ValueKind == JsonValueKind.Array)
        {
            foreach (var reference in references.EnumerateArray())
            {
                if (reference.ValueKind == JsonValueKind.String
                    && await CheckOneAsync(reference.GetString()!, "reference_images", cancellationToken).ConfigureAwait(false) is { } refused)
                {
                    return refused;
                }
            }
        }

        return null;
    }

    private async Task<CallToolResult?> CheckOneAsync(string text, string parameter, CancellationToken cancellationToken)
    {
        string value = text.Trim();
        if (!value.StartsWith("flux2:", StringComparison.OrdinalIgnoreCase) && !Flux2ImageUris.IsId(value))
        {
            return null;
        }

        if (await MayReadAsync(value, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return Flux2McpResultRenderer.Render(new Flux2ToolError
        {
            Error = "invalid_argument",
            Category = "argument",
            Message = $"No stored image '{(value.Length <= 80 ? value : value[..77] + "...")}': ids are kept {images.Retention}; generate the image again or pass its URL or saved path.",
            Parameter = parameter,
        });
    }
}
