using System.Text.Json;
using Flux2.Agents;
using Microsoft.Extensions.AI;

namespace Flux2.SemanticKernel;

/// <summary>The serializer options of the kernel functions: Microsoft.Extensions.AI's defaults with the tool core's source-generated contracts first.</summary>
internal static class Flux2SemanticKernelJson
{
    /// <summary>The options (read-only).</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(AIJsonUtilities.DefaultOptions);
        options.TypeInfoResolverChain.Insert(0, Flux2AgentsJsonContext.Default);
        options.MakeReadOnly();
        return options;
    }
}
