using Flux2.SemanticKernel;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.SemanticKernel.ChatCompletion;

/// <summary>Adds the previews of generated images to a chat history, for multimodal chats.</summary>
public static class Flux2ChatHistoryExtensions
{
    /// <summary>
    /// Adds the previews of the images generated since the last call (kept by <see cref="Flux2PreviewFilter"/> when
    /// <see cref="Flux2SemanticKernelOptions.AddPreviewsToChatHistory"/> is on) as one user message of <see cref="ImageContent"/>s.
    /// Call it after each assistant turn. Returns how many previews were added (0 when none, or when the filter is not registered).
    /// </summary>
    public static int AddFlux2Previews(this ChatHistory history, Kernel kernel)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(kernel);
        var filter = kernel.FunctionInvocationFilters.OfType<Flux2PreviewFilter>().FirstOrDefault()
            ?? kernel.Services.GetService<Flux2PreviewFilter>();
        return filter?.AddPendingPreviewsTo(history) ?? 0;
    }
}
