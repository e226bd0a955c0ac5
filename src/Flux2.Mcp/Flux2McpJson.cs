using System.Text.Json;
using Flux2.Agents;
using ModelContextProtocol;

namespace Flux2.Mcp;

/// <summary>The serializer options of the tools: the SDK's, with the tool core's and the parameter types' source-generated contracts first.</summary>
internal static class Flux2McpJson
{
    /// <summary>The options (read-only).</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(McpJsonUtilities.DefaultOptions);
        options.TypeInfoResolverChain.Insert(0, Flux2AgentsJsonContext.Default);
        options.TypeInfoResolverChain.Insert(1, Flux2McpJsonContext.Default);
        options.MakeReadOnly();
        return options;
    }
}
