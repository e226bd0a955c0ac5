using System.Text.Json;
using Flux2.Agents;
using Microsoft.Extensions.AI;

namespace AgentFrameworkChat;

/// <summary>
/// The stand-in model used when no chat endpoint is configured. It answers as a function-calling model would, with arguments as
/// <see cref="JsonElement"/>s, so the agent's function invocation and the tools run for real: it asks for the image the user described,
/// then downloads the returned id, then reports the saved file (or the tool's error) in words.
/// </summary>
internal sealed class ScriptedChatClient : IChatClient
{
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var last = messages.Last();
        ChatMessage reply;
        if (last.Role == ChatRole.User)
        {
            reply = Call(Flux2ToolNames.GenerateImage, new { prompt = last.Text, size = "landscape_4_3", seed = 1234, output_format = "png" });
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
                reply = Call(Flux2ToolNames.DownloadImage, new { url = images[0].GetProperty("uri").GetString(), path = "lighthouse.png", overwrite = true });
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

    private static ChatMessage Call(string function, object arguments)
    {
        var json = JsonSerializer.SerializeToElement(arguments);
        var elements = json.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone());
        return new ChatMessage(ChatRole.Assistant, [new FunctionCallContent("call_" + Guid.NewGuid().ToString("N")[..8], function, elements)]);
    }

    private static string Text(object? result) => result switch
    {
        string text => text,
        JsonElement { ValueKind: JsonValueKind.String } element => element.GetString()!,
        JsonElement element => element.GetRawText(),
        _ => "{}",
    };
}
