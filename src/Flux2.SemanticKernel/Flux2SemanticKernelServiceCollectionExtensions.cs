using Flux2.Agents;
using Flux2.SemanticKernel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.TextToImage;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the FLUX Semantic Kernel plugin, its preview filter and the <see cref="ITextToImageService"/> adapter.</summary>
public static class Flux2SemanticKernelServiceCollectionExtensions
{
    /// <summary>
    /// Adds the tool core (<c>AddFlux2Tools(configuration)</c>), the plugin (a <see cref="KernelPlugin"/> every kernel built from these services
    /// gets), <see cref="Flux2PreviewFilter"/> and <see cref="Flux2TextToImageService"/> as <see cref="ITextToImageService"/>, with
    /// <see cref="Flux2SemanticKernelOptions"/> from <c>Flux2:SemanticKernel</c> of <paramref name="configuration"/>, then <paramref name="configure"/>.
    /// With no provider key configured, add <c>AddFlux2OfflineSimulator()</c> to have the built-in simulator answer.
    /// </summary>
    public static IServiceCollection AddFlux2SemanticKernel(this IServiceCollection services, IConfiguration? configuration = null, Action<Flux2SemanticKernelOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddFlux2Tools(configuration);
        var options = services.AddOptions<Flux2SemanticKernelOptions>();
        if (configuration is not null)
        {
            options.Bind(configuration.GetSection(Flux2SemanticKernelOptions.SectionName));
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        if (services.Any(d => d.ServiceType == typeof(Flux2SemanticKernelMarker)))
        {
            return services;
        }

        services.AddSingleton<Flux2SemanticKernelMarker>();
        services.AddSingleton(sp => Flux2ImagePlugin.Create(
            sp.GetRequiredService<Flux2ImageTools>(),
            sp.GetRequiredService<IOptions<Flux2SemanticKernelOptions>>().Value.PluginName));
        services.TryAddSingleton<Flux2PreviewFilter>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IFunctionInvocationFilter, Flux2PreviewFilter>(sp => sp.GetRequiredService<Flux2PreviewFilter>()));

        // SKEXP0001: ITextToImageService is experimental in Semantic Kernel 1.82; registering the adapter is this method's purpose.
#pragma warning disable SKEXP0001
        services.TryAddSingleton<Flux2TextToImageService>();
        services.TryAddSingleton<ITextToImageService>(sp => sp.GetRequiredService<Flux2TextToImageService>());
#pragma warning restore SKEXP0001
        return services;
    }

    /// <summary>Marks the services as holding the plugin, so a second call adds it only once.</summary>
    private sealed class Flux2SemanticKernelMarker;
}
