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

        var content = new List<ContentBlock> { new TextContentBlock { Text = Summarize(output) } };
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

    /// <summary>The result of download_image.</summary>
    public CallToolResult Render(Flux2DownloadImageOutput output)
    {
        var structured = JsonSerializer.SerializeToElement(output, Flux2AgentsJsonContext.Default.Flux2DownloadImageOutput);
        string text = _options.ResultShape == Flux2McpResultShape.Structured
            ? structured.GetRawText()
            : string.Create(CultureInfo.InvariantCulture,
                $"Saved {output.Path} ({output.Bytes} bytes, {output.ContentType}{(output.Width is { } w && output.Height is { } h ? $", {w}x{h}" : "")}, sha256 {output.Sha256}) from {output.Source}.");
        return new CallToolResult
        {
            Content = [new TextContentBlock { Text = text }],
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

    /// <summary>The text of a generate_image result: the summary line, then a line per image, warnings and notes.</summary>
    internal static string Summarize(Flux2GenerateImageOutput output)
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
                text.Append(" saved to ").Append(path);
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
