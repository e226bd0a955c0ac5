using Flux2.SemanticKernel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.SemanticKernel;

/// <summary>Adds FLUX.2 image generation to a kernel.</summary>
public static class Flux2KernelBuilderExtensions
{
    /// <summary>
    /// Adds the <c>generate_image</c> and <c>download_image</c> functions (plugin <see cref="Flux2SemanticKernelOptions.PluginName"/>), the
    /// text-to-image service and the preview filter, configured from <paramref name="configuration"/> (sections <c>Flux2</c>,
    /// <c>Flux2:Tools</c>, <c>Flux2:SemanticKernel</c>) and then <paramref name="configure"/>. See
    /// <see cref="Flux2SemanticKernelServiceCollectionExtensions.AddFlux2SemanticKernel"/>.
    /// </summary>
    public static IKernelBuilder AddFlux2ImageTools(this IKernelBuilder builder, IConfiguration? configuration = null, Action<Flux2SemanticKernelOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddFlux2SemanticKernel(configuration, configure);
        return builder;
    }
}
