using System.Text.Json;
using Flux2.Agents;
using ModelContextProtocol;

namespace Flux2.Mcp;

/// <summary>
/// The serializer options of the tools: the tool core's (snake_case, nulls omitted, so output schemas match the structured
/// content), then the parameter types' and the SDK's source-generated contracts (protocol types name their properties explicitly).
/// </summary>
internal static class Flux2McpJson
{
    /// <summary>The options (read-only).</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(Flux2AgentsJsonContext.Default.Options);
        options.TypeInfoResolverChain.Add(Flux2McpJsonContext.Default);
        options.TypeInfoResolverChain.Add(McpJsonUtilities.DefaultOptions.TypeInfoResolver!);
        options.MakeReadOnly();
        return options;
    }
}
