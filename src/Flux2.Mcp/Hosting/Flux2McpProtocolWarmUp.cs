using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace Flux2.Mcp;

/// <summary>
/// On a spare core, builds the JSON contracts of the protocol messages the SDK's server registers its handlers with and
/// answers <c>initialize</c> with, while the main thread is still building the host: the JIT work (mostly generic
/// serializer code over value types, which ReadyToRun images cannot carry) is then done when the server is created.
/// </summary>
internal static class Flux2McpProtocolWarmUp
{
    private static readonly Type[] Types =
    [
        typeof(JsonRpcMessage), typeof(InitializeRequestParams), typeof(InitializeResult), typeof(EmptyResult),
        typeof(ListToolsRequestParams), typeof(ListToolsResult), typeof(CallToolRequestParams), typeof(CallToolResult),
        typeof(ListResourcesRequestParams), typeof(ListResourcesResult), typeof(ListResourceTemplatesRequestParams),
        typeof(ListResourceTemplatesResult), typeof(ReadResourceRequestParams), typeof(ReadResourceResult),
        typeof(SubscribeRequestParams), typeof(UnsubscribeRequestParams), typeof(SubscriptionsListenRequestParams),
        typeof(CompleteRequestParams), typeof(CompleteResult), typeof(PingResult),
        typeof(DiscoverRequestParams), typeof(DiscoverResult), typeof(ListPromptsRequestParams), typeof(ListPromptsResult),
        typeof(GetPromptRequestParams), typeof(GetPromptResult),
    ];

    /// <summary>Starts the warm-up on a thread-pool thread when there is more than one core (on one core it would only compete).</summary>
    public static void Start()
    {
        if (Environment.ProcessorCount > 1)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static _ => Run(), null);
        }
    }

    private static void Run()
    {
        JsonSerializerOptions options = McpJsonUtilities.DefaultOptions;
        foreach (Type type in Types)
        {
            _ = options.GetTypeInfo(type);
        }

        Flux2McpStartupTrace.Mark("protocol warm-up done");
    }
}
