using System.Globalization;
using System.Text;
using System.Text.Json;
using Flux2.Agents;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Protocol;

namespace Flux2.Mcp;

/// <summary>Renders the tool core's results in MCP's idiom: a short text, previews, a resource_link per image, and structured content.</summary>
internal sealed class Flux2McpResultRenderer(Flux2ImageTools tools, IOptions<Flux2McpOptions> options)
{
    private readonly Flux2McpOptions _options = options.Value;

    /// <summary>The result of generate_image.</summary>
    public async Task<CallToolResult> RenderAsync(Flux2GenerateImageOutput output, CancellationToken cancellationToken)
    {
        var shape = _options.ResultShape;
        var structured = JsonSerializer.SerializeToElement(output, Flux2AgentsJsonContext.Default.Flux2GenerateImageOutput);
        if (shape == Flux2McpResultShape.Structured)
        {
            return new CallToolResult { Content = [new TextContentBlock { Text = structured.GetRawText() }], StructuredContent = structured };
        }

        var content = new List<ContentBlock> { new TextContentBlock { Text = Summarize(output, _options.RemoteClients == true) } };
        var stored = output.Images.Where(i => i.Id is not null).ToList();
        if (_options.Previews && tools.Options.Previews && stored.Count > 0)
        {
            // The budget is for the whole result: clients cap a message, not an image.
            int budget = tools.Options.PreviewMaxBase64Bytes / stored.Count;
            foreach (var image in stored)
            {
                if (await tools.CreatePreviewAsync(image.Id!, budget, cancellationToken: cancellationToken).ConfigureAwait(false) is { } preview)
                {
                    content.Add(ImageContentBlock.FromBytes(preview.Data, Flux2ImagePreview.ContentType));
                }
            }
        }

        foreach (var image in stored)
        {
            content.Add(new ResourceLinkBlock
            {
                Uri = image.Uri!,
                Name = image.Path is null ? image.Id! : Path.GetFileName(image.Path),
                Title = $"Generated image {image.Id}",
                MimeType = image.ContentType,
                Size = image.Bytes,
                Description = image.Width is { } w && image.Height is { } h ? $"{w}x{h} {image.ContentType}" : image.ContentType,
            });
        }

        return new CallToolResult
        {
            Content = content,
            StructuredContent = shape == Flux2McpResultShape.Both ? structured : null,
        };
    }

    /// <summary>
    /// The result of download_image. Where the user cannot open the server's files (<see cref="Flux2McpOptions.RemoteClients"/>), or
    /// nothing was saved, the image is handed back: embedded in the result when its base64 fits the preview budget
    /// (<c>Flux2:Tools:PreviewMaxBase64Bytes</c>), and always as a resource_link to flux2://images/{id}; a file saved anyway is said to be
    /// on the server. Otherwise (stdio, loopback HTTP) the text names the saved file, as it always has.
    /// </summary>
    public async Task<CallToolResult> RenderAsync(Flux2DownloadImageOutput output, CancellationToken cancellationToken)
    {
        bool remote = _options.RemoteClients == true;
        bool handBack = output.Uri is not null && (remote || output.Path is null);
        if (remote && output.Path is { } serverPath)
        {
            output = output with { Note = $"Saved on the server's disk at {serverPath}, not on the user's machine{SavedRetention()}." };
        }

        var structured = JsonSerializer.SerializeToElement(output, Flux2AgentsJsonContext.Default.Flux2DownloadImageOutput);
        var content = new List<ContentBlock>();
        Flux2StoredImage? image = handBack ? await tools.Store.GetAsync(output.Uri!, cancellationToken).ConfigureAwait(false) : null;
        int budget = tools.Options.PreviewMaxBase64Bytes;
        bool embedded = image is not null && Flux2ImagePreviewer.Base64Length(image.Data.Length) <= budget;
        if (_options.ResultShape == Flux2McpResultShape.Structured)
        {
            content.Add(new TextContentBlock { Text = structured.GetRawText() });
        }
        else
        {
            string facts = string.Create(CultureInfo.InvariantCulture,
                $"{output.Bytes} bytes, {output.ContentType}{(output.Width is { } w && output.Height is { } h ? $", {w}x{h}" : "")}, sha256 {output.Sha256}");
            var text = new StringBuilder();
            if (output.Path is { } path)
            {
                text.Append(remote ? $"Saved on the server at {path} ({facts}) from {output.Source}: that is the server's disk, not yours{SavedRetention()}."
                    : $"Saved {path} ({facts}) from {output.Source}.");
            }
            else
            {
                text.Append(CultureInfo.InvariantCulture, $"Not saved as a file: this server keeps no files for you. The image ({facts}) from {output.Source} is {output.Uri}, kept {tools.Store.Retention}.");
            }

            if (handBack)
            {
                text.Append(image is null
                    ? $" It is no longer in the image store; fetch {output.Source} again."
                    : embedded
                        ? " It is attached to this result; save it on your side."
                        : string.Create(CultureInfo.InvariantCulture,
                            $" It is too large to attach ({Flux2ImagePreviewer.Base64Length(image.Data.Length)} bytes as base64, over {budget}): read {output.Uri} (resources/read) to get its bytes."));
            }

            // (Warnings stay in the structured content only for a file the user can open, as they always have.)
            foreach (string warning in remote || output.Path is null ? output.Warnings : [])
            {
                text.Append("\nWarning: ").Append(warning);
            }

            content.Add(new TextContentBlock { Text = text.ToString() });
        }

        if (handBack && image is not null)
        {
            if (embedded)
            {
                content.Add(new EmbeddedResourceBlock { Resource = BlobResourceContents.FromBytes(image.Data, image.Uri, image.ContentType) });
            }

            content.Add(new ResourceLinkBlock
            {
                Uri = image.Uri,
                Name = output.Path is null ? image.Id : Path.GetFileName(output.Path),
                Title = $"Image {image.Id}",
                MimeType = image.ContentType,
                Size = image.Data.Length,
                Description = image.Width is { } iw && image.Height is { } ih ? $"{iw}x{ih} {image.ContentType}" : image.ContentType,
            });
        }

        return new CallToolResult
        {
            Content = content,
            StructuredContent = _options.ResultShape == Flux2McpResultShape.Content ? null : structured,
        };
    }

    /// <summary>A failure as a tool error the model can act on.</summary>
    public static CallToolResult Render(Flux2ToolError error)
    {
        var text = new StringBuilder(error.ToString());
        if (error.Parameter is { } parameter && !error.Message.Contains(parameter, StringComparison.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $" (parameter: {parameter})");
        }

        return new CallToolResult { IsError = true, Content = [new TextContentBlock { Text = text.ToString() }] };
    }

    /// <summary>How long a file saved on the server stays there, as a phrase ("; it is kept up to 1 day, 1024 MB of files in all"), or empty.</summary>
    private string SavedRetention()
    {
        var parts = new List<string>();
        if (tools.Options.OutputMaxAge is { } age)
        {
            parts.Add(age.TotalHours >= 1 && age.TotalHours % 1 == 0
                ? string.Create(CultureInfo.InvariantCulture, $"{age.TotalHours:0} h")
                : string.Create(CultureInfo.InvariantCulture, $"{age.TotalMinutes:0.#} min"));
        }

        if (tools.Options.OutputMaxMegabytes is { } megabytes)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"while the folder holds under {megabytes} MB"));
        }

        return parts.Count == 0 ? "" : "; files there are kept up to " + string.Join(", ", parts);
    }

    /// <summary>
    /// The text of a generate_image result: the summary line, then a line per image, warnings and notes. <paramref name="remote"/>: the
    /// user is on another machine, so a saved file is said to be on the server.
    /// </summary>
    internal static string Summarize(Flux2GenerateImageOutput output, bool remote = false)
    {
        var text = new StringBuilder();
        int count = output.Images.Count;
        text.Append(CultureInfo.InvariantCulture, $"Generated {count} image{(count == 1 ? "" : "s")} with {output.Model} on {output.Provider}");
        if (output.Seed is { } seed)
        {
            text.Append(CultureInfo.InvariantCulture, $" (seed {seed})");
        }

        text.Append(CultureInfo.InvariantCulture, $" in {output.Timings.TotalMs / 1000:0.0} s");
        if ((output.Cost.ActualUsd ?? output.Cost.EstimatedUsd) is { } cost)
        {
            text.Append(CultureInfo.InvariantCulture, $", about ${cost:0.###}");
        }

        text.Append(output.Simulated ? "; SIMULATED (not a real provider)." : ".");
        for (int i = 0; i < count; i++)
        {
            var image = output.Images[i];
            text.Append(CultureInfo.InvariantCulture, $"\n{i + 1}. ");
            text.Append(image.Uri ?? "(not stored)");
            if (image.Width is { } w && image.Height is { } h)
            {
                text.Append(CultureInfo.InvariantCulture, $" {w}x{h}");
            }

            if (image.ContentType is { } type)
            {
                text.Append(' ').Append(type);
            }

            if (image.Path is { } path)
            {
                text.Append(remote ? " saved on the server (not your machine) at " : " saved to ").Append(path);
            }
            else if (image.Url is { } url)
            {
                text.Append(" at ").Append(url);
                if (image.UrlExpiresAt is { } expires)
                {
                    text.Append(CultureInfo.InvariantCulture, $" (expires {expires:u})");
                }
            }
        }

        foreach (string warning in output.Warnings)
        {
            text.Append("\nWarning: ").Append(warning);
        }

        if (output.Moderation is { FilteredCount: > 0 } moderation)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n{moderation.FilteredCount} image(s) were filtered by the provider's safety system.");
        }

        if (output.Note is { } note)
        {
            text.Append('\n').Append(note);
        }

        return text.ToString();
    }
}
