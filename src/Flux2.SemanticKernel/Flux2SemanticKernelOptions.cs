namespace Flux2.SemanticKernel;

/// <summary>Settings of the Semantic Kernel face, bound from <c>Flux2:SemanticKernel</c>.</summary>
public sealed class Flux2SemanticKernelOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Flux2:SemanticKernel";

    /// <summary>The default plugin name.</summary>
    public const string DefaultPluginName = "flux2";

    /// <summary>The name of the plugin that holds generate_image and download_image (default flux2; models see flux2_generate_image).</summary>
    public string PluginName { get; set; } = DefaultPluginName;

    /// <summary>
    /// For multimodal chats: keep a small preview of every generated image so the agent loop can add it to the chat history as
    /// <c>ImageContent</c> with <c>ChatHistory.AddFlux2Previews(kernel)</c> after each turn (default false: results are JSON text only).
    /// </summary>
    public bool AddPreviewsToChatHistory { get; set; }
}
