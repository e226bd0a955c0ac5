using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Flux2.Testing;

/// <summary>
/// A chat model that answers from a script: each step sees the conversation so far and the tools offered, and returns the next
/// assistant message (a function call or text). Arguments are built as <see cref="JsonElement"/>s, as real models deliver them.
/// </summary>
public sealed class ScriptedChatClient(params Func<IReadOnlyList<ChatMessage>, ChatOptions?, ChatMessage>[] steps) : IChatClient
{
    private int _next;

    /// <summary>The conversation the model was given at each step.</summary>
    public List<IReadOnlyList<ChatMessage>> Requests { get; } = [];

    /// <summary>The options the model was given at each step.</summary>
    public List<ChatOptions?> Options { get; } = [];

    /// <summary>The tools offered at each step.</summary>
    public List<IList<AITool>> OfferedTools { get; } = [];

    /// <summary>A script whose steps look only at the conversation.</summary>
    public static ScriptedChatClient Of(params Func<IReadOnlyList<ChatMessage>, ChatMessage>[] steps) =>
        new([.. steps.Select(step => (Func<IReadOnlyList<ChatMessage>, ChatOptions?, ChatMessage>)((conversation, _) => step(conversation)))]);

    /// <inheritdoc/>
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var conversation = messages.ToList();
        Requests.Add(conversation);
        Options.Add(options);
        OfferedTools.Add(options?.Tools?.ToList() ?? []);
        if (_next >= steps.Length)
        {
            throw new InvalidOperationException($"The script has {steps.Length} steps; step {_next + 1} was asked for.");
        }

        var message = steps[_next++](conversation, options);
        return Task.FromResult(new ChatResponse(message) { ModelId = "scripted" });
    }

    /// <inheritdoc/>
    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The scripted client does not stream.");

    /// <inheritdoc/>
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("scripted", null, "scripted")
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    /// <inheritdoc/>
    public void Dispose()
    {
    }

    /// <summary>The name under which the tool ending in <paramref name="function"/> was offered (e.g. flux2_generate_image).</summary>
    public static string ToolName(ChatOptions? options, string function) =>
        options?.Tools?.Select(t => t.Name).SingleOrDefault(n => n == function || n.EndsWith("_" + function, StringComparison.Ordinal) || n.EndsWith("-" + function, StringComparison.Ordinal))
        ?? throw new InvalidOperationException($"No tool named like {function} was offered.");

    /// <summary>An assistant message calling a tool with arguments as JSON elements.</summary>
    public static ChatMessage Call(string callId, string name, object arguments)
    {
        var json = JsonSerializer.SerializeToElement(arguments);
        var args = json.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone());
        return new ChatMessage(ChatRole.Assistant, [new FunctionCallContent(callId, name, args)]);
    }

    /// <summary>The result of a tool call as JSON, whatever form the invoker left it in.</summary>
    public static JsonElement Result(IReadOnlyList<ChatMessage> conversation, string callId)
    {
        var result = conversation.SelectMany(m => m.Contents).OfType<FunctionResultContent>().Single(r => r.CallId == callId).Result;
        return result switch
        {
            string text => JsonDocument.Parse(text).RootElement.Clone(),
            JsonElement { ValueKind: JsonValueKind.String } element => JsonDocument.Parse(element.GetString()!).RootElement.Clone(),
            JsonElement element => element,
            _ => throw new InvalidOperationException($"Unexpected result of {callId}: {result?.GetType().Name ?? "null"}"),
        };
    }
}
