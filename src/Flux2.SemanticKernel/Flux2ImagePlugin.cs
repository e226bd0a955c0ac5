using Flux2.Agents;
using Microsoft.SemanticKernel;

namespace Flux2.SemanticKernel;

/// <summary>
/// Creates the Semantic Kernel plugin with the functions <c>generate_image</c> and <c>download_image</c>: the tool core's
/// <see cref="Flux2ImageTools.AsAIFunctions"/> as kernel functions, so the schema (descriptions, enums, ranges, patterns) is the one
/// the MCP server and Agent Framework agents show, and arguments that arrive as <see cref="System.Text.Json.JsonElement"/> or text
/// bind alike. Results are the tools' JSON, as text; failures come back as the error JSON the model can act on, never thrown.
/// </summary>
public static class Flux2ImagePlugin
{
    /// <summary>Creates the plugin over a tool core.</summary>
    /// <param name="tools">The tool core.</param>
    /// <param name="pluginName">The plugin name (default <see cref="Flux2SemanticKernelOptions.DefaultPluginName"/>).</param>
    /// <param name="options">How the tools are presented (e.g. download_image requiring approval); null for the defaults.</param>
    public static KernelPlugin Create(Flux2ImageTools tools, string pluginName = Flux2SemanticKernelOptions.DefaultPluginName, Flux2ToolFunctionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(tools);
        ArgumentException.ThrowIfNullOrWhiteSpace(pluginName);
        return KernelPluginFactory.CreateFromFunctions(
            pluginName,
            "FLUX.2 image generation: generate_image and download_image.",
            tools.AsAIFunctions(options).Select(function => new Flux2JsonTextFunction(function).AsKernelFunction()));
    }
}
