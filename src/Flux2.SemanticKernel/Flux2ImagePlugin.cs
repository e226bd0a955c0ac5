using System.Reflection;
using Flux2.Agents;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.SemanticKernel;

namespace Flux2.SemanticKernel;

/// <summary>
/// Creates the Semantic Kernel plugin with the functions <c>generate_image</c> and <c>download_image</c>, rendered from the tool core.
/// The functions are built with Microsoft.Extensions.AI's <see cref="AIFunctionFactory"/> (as the MCP tools are), so their schema carries the
/// same descriptions, enums, ranges and patterns as the MCP server's, and arguments that arrive as <see cref="System.Text.Json.JsonElement"/>
/// (as function-calling models deliver them) bind to the typed parameters.
/// </summary>
public static class Flux2ImagePlugin
{
    /// <summary>Creates the plugin over a tool core.</summary>
    /// <param name="tools">The tool core.</param>
    /// <param name="pluginName">The plugin name (default <see cref="Flux2SemanticKernelOptions.DefaultPluginName"/>).</param>
    /// <param name="loggerFactory">Logs tool failures; null logs nothing.</param>
    public static KernelPlugin Create(Flux2ImageTools tools, string pluginName = Flux2SemanticKernelOptions.DefaultPluginName, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(tools);
        ArgumentException.ThrowIfNullOrWhiteSpace(pluginName);
        var target = new Flux2KernelFunctions(tools, (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("Flux2.SemanticKernel"));
        return KernelPluginFactory.CreateFromFunctions(
            pluginName,
            "FLUX.2 image generation: generate_image and download_image.",
            [
                Create(target, nameof(Flux2KernelFunctions.GenerateImageAsync), Flux2ToolNames.GenerateImage, Flux2ToolDescriptions.GenerateImage),
                Create(target, nameof(Flux2KernelFunctions.DownloadImageAsync), Flux2ToolNames.DownloadImage, Flux2ToolDescriptions.DownloadImage),
            ]);
    }

    private static KernelFunction Create(Flux2KernelFunctions target, string methodName, string name, string description)
    {
        MethodInfo method = typeof(Flux2KernelFunctions).GetMethod(methodName, BindingFlags.Public | BindingFlags.Instance)!;
        AIFunction function = AIFunctionFactory.Create(method, target, new AIFunctionFactoryOptions
        {
            Name = name,
            Description = description,
            SerializerOptions = Flux2SemanticKernelJson.Options,

            // The methods return JSON text already: hand it to the model as it is, not as a quoted JSON string.
            MarshalResult = static (result, _, _) => new ValueTask<object?>(result),
        });
        return function.AsKernelFunction();
    }
}
