using System.Text.Json;
using Flux2.Agents;
using Microsoft.Extensions.AI;

namespace ChatAgent;

/// <summary>
/// The stand-in model used when no chat endpoint is configured: it reads the conversation and answers as a function-calling model would
/// (arguments as JSON), so the tool calls that follow are real: generate the image the user asked for, download the returned id, report.
/// </summary>
internal sealed class ScriptedChatModel : IChatClient
{
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var conversation = messages.ToList();
        var last = conversation[^1];
        ChatMessage reply;
        if (last.Role == ChatRole.User)
        {
            reply = Call(options, Flux2ToolNames.GenerateImage, new Dictionary<string, object?>
            {
                ["prompt"] = last.Text,
                ["size"] = "landscape_4_3",
                ["seed"] = 1234,
                ["output_format"] = "png",
            });
        }
        else if (last.Contents.OfType<FunctionResultContent>().FirstOrDefault() is { } result)
        {
            using var json = JsonDocument.Parse(Text(result.Result));
            var root = json.RootElement;
            if (root.TryGetProperty("error", out var error))
            {
                reply = new ChatMessage(ChatRole.Assistant, $"Sorry, that failed ({error.GetString()}): {root.GetProperty("message").GetString()}");
            }
            else if (root.TryGetProperty("images", out var images))
            {
                string id = images[0].GetProperty("id").GetString()!;
                reply = Call(options, Flux2ToolNames.DownloadImage, new Dictionary<string, object?>
                {
                    ["url"] = Flux2ImageUris.For(id),
                    ["path"] = "lighthouse.png",
                    ["overwrite"] = true,
                });
            }
            else
            {
                reply = new ChatMessage(ChatRole.Assistant,
                    $"Saved the image to {root.GetProperty("path").GetString()} ({root.GetProperty("width").GetInt32()}x{root.GetProperty("height").GetInt32()}, {root.GetProperty("bytes").GetInt64()} bytes).");
            }
        }
        else
        {
            reply = new ChatMessage(ChatRole.Assistant, "Tell me what to draw.");
        }

        return Task.FromResult(new ChatResponse(reply) { ModelId = "scripted" });
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The scripted model does not stream.");

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("scripted", null, "scripted")
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
    }

    private static ChatMessage Call(ChatOptions? options, string function, Dictionary<string, object?> arguments)
    {
        // The kernel offers plugin functions as plugin_function (flux2_generate_image).
        string name = options?.Tools?.Select(t => t.Name).FirstOrDefault(n => n.EndsWith(function, StringComparison.Ordinal)) ?? function;
        var json = arguments.ToDictionary(p => p.Key, p => (object?)JsonSerializer.SerializeToElement(p.Value));
        return new ChatMessage(ChatRole.Assistant, [new FunctionCallContent("call_" + Guid.NewGuid().ToString("N")[..8], name, json)]);
    }

    private static string Text(object? result) => result switch
    {
        string text => text,
        JsonElement { ValueKind: JsonValueKind.String } element => element.GetString()!,
        JsonElement element => element.GetRawText(),
        _ => "{}",
    };
}
