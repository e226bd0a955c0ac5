using Flux2.Agents;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Server;

namespace Flux2.Mcp;

/// <summary>
/// Registers the MCP tools: the core's <see cref="Flux2ImageTools.AsAIFunctions"/>, each wrapped by <see cref="Flux2McpToolFunction"/>
/// and given MCP's annotations (only the hints that differ from the spec's defaults: readOnly false, destructive true,
/// idempotent false, openWorld true; every byte of tools/list is read by the model). Each tool is built on first use (<see cref="Flux2McpLazyTool"/>): only the names are known at start-up.
/// </summary>
internal static class Flux2McpTools
{
    /// <summary>download_image's description where it saves no file (<c>Flux2:Tools:SaveDownloads</c> off, the default for remote users).</summary>
    internal const string HandBackDescription = "Return an image (URL or flux2://images/{id}) in the result.";

    /// <summary>Adds generate_image and download_image.</summary>
    public static IMcpServerBuilder WithFlux2Tools(this IMcpServerBuilder builder)
    {
        builder.Services.AddSingleton<McpServerTool>(services => new Flux2McpLazyTool(
            Flux2ToolNames.GenerateImage,
            () => Create(services, Flux2ToolNames.GenerateImage, new McpServerToolCreateOptions
            {
                Title = "Generate image",
                Destructive = false,

                // MCP Apps hosts show the result in the gallery view (null when Flux2:Mcp:Gallery is false).
                Meta = Flux2Gallery.ToolMeta(services.GetRequiredService<IOptions<Flux2McpOptions>>().Value),
            })));

        // Destructive (the spec's default, so not sent) because overwrite=true replaces an existing file (the default refuses to).
        builder.Services.AddSingleton<McpServerTool>(services => new Flux2McpLazyTool(
            Flux2ToolNames.DownloadImage,
            () => Create(services, Flux2ToolNames.DownloadImage, new McpServerToolCreateOptions
            {
                Title = "Download image",
                Idempotent = true,

                // A server that writes no files for its (remote) users says what the tool does there instead.
                Description = services.GetRequiredService<Flux2ImageTools>().Options.SaveDownloads ? null : HandBackDescription,
            })));
        return builder;
    }

    private static McpServerTool Create(IServiceProvider services, string name, McpServerToolCreateOptions options)
    {
        var tools = services.GetRequiredService<Flux2ImageTools>();
        var function = (Flux2ToolFunction)tools.AsAIFunctions().Single(f => f.Name == name);
        options.Services = services;

        // With ResultShape=Content no structured content is sent, so no output schema is promised (clients check the one against the other).
        var shape = services.GetRequiredService<IOptions<Flux2McpOptions>>().Value.ResultShape;
        options.UseStructuredContent = shape != Flux2McpResultShape.Content;
        options.OutputSchema = options.UseStructuredContent ? function.ReturnJsonSchema : null;
        var mcpOptions = services.GetRequiredService<IOptions<Flux2McpOptions>>().Value;
        var confirmation = name == Flux2ToolNames.GenerateImage && mcpOptions.ConfirmAboveUsd is { } threshold ? new Flux2McpCostConfirmation(threshold) : null;
        var mcpFunction = new Flux2McpToolFunction(
            function,
            services.GetRequiredService<Flux2McpResultRenderer>(),
            confirmation,
            services.GetService<Flux2McpJobRunner>(),
            mcpOptions);
        return McpServerTool.Create(mcpFunction, options);
    }
}
