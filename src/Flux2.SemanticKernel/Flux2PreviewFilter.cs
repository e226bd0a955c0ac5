using System.Collections.Concurrent;
using System.Text.Json;
using Flux2.Agents;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace Flux2.SemanticKernel;

/// <summary>
/// A function-invocation filter that, when <see cref="Flux2SemanticKernelOptions.AddPreviewsToChatHistory"/> is on, keeps a small JPEG
/// preview of every image a successful <c>generate_image</c> call made, until the agent loop adds them to its chat history with
/// <see cref="Flux2ChatHistoryExtensions.AddFlux2Previews"/> (or <see cref="AddPendingPreviewsTo"/>).
/// </summary>
/// <remarks>
/// Previews are added after the turn, as one user message, and not inside the function call: chat APIs accept images only in
/// user messages, and a message inserted between a tool call and its result breaks the conversation's order.
/// </remarks>
public sealed class Flux2PreviewFilter : IFunctionInvocationFilter
{
    private readonly Flux2ImageTools _tools;
    private readonly Flux2SemanticKernelOptions _options;
    private readonly ConcurrentQueue<(string Id, Flux2ImagePreview Preview)> _pending = new();

    /// <summary>Creates the filter.</summary>
    public Flux2PreviewFilter(Flux2ImageTools tools, IOptions<Flux2SemanticKernelOptions> options)
    {
        ArgumentNullException.ThrowIfNull(tools);
        ArgumentNullException.ThrowIfNull(options);
        _tools = tools;
        _options = options.Value;
    }

    /// <summary>Previews waiting to be added to a chat history.</summary>
    public int PendingCount => _pending.Count;

    /// <inheritdoc/>
    public async Task OnFunctionInvocationAsync(FunctionInvocationContext context, Func<FunctionInvocationContext, Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        await next(context).ConfigureAwait(false);
        if (!_options.AddPreviewsToChatHistory
            || !string.Equals(context.Function.Name, Flux2ToolNames.GenerateImage, StringComparison.Ordinal)
            || !string.Equals(context.Function.PluginName, _options.PluginName, StringComparison.Ordinal))
        {
            return;
        }

        foreach (string id in ImageIds(context.Result.GetValue<object>()))
        {
            if (await _tools.CreatePreviewAsync(id, cancellationToken: context.CancellationToken).ConfigureAwait(false) is { } preview)
            {
                _pending.Enqueue((id, preview));
            }
        }
    }

    /// <summary>Adds the pending previews to <paramref name="history"/> as one user message of <see cref="ImageContent"/>s; returns how many.</summary>
    public int AddPendingPreviewsTo(ChatHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var items = new ChatMessageContentItemCollection();
        var ids = new List<string>();
        while (_pending.TryDequeue(out var entry))
        {
            ids.Add(Flux2ImageUris.For(entry.Id));
            items.Add(new ImageContent(entry.Preview.Data, Flux2ImagePreview.ContentType));
        }

        if (ids.Count == 0)
        {
            return 0;
        }

        items.Insert(0, new TextContent($"Previews of the images generated above ({string.Join(", ", ids)}), downscaled for viewing."));
        history.Add(new ChatMessageContent(AuthorRole.User, items));
        return ids.Count;
    }

    /// <summary>The ids of a generate_image result (JSON text, or a JSON element when invoked by other means); none for an error result.</summary>
    internal static IEnumerable<string> ImageIds(object? result)
    {
        JsonElement root;
        try
        {
            switch (result)
            {
                case string text when text.StartsWith('{'):
                    using (var document = JsonDocument.Parse(text))
                    {
                        root = document.RootElement.Clone();
                    }

                    break;
                case JsonElement element:
                    root = element;
                    break;
                default:
                    return [];
            }
        }
        catch (JsonException)
        {
            return [];
        }

        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("images", out var images) || images.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        return [.. images.EnumerateArray()
            .Where(image => image.ValueKind == JsonValueKind.Object && image.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String)
            .Select(image => image.GetProperty("id").GetString()!)];
    }
}
