using Flux2.Agents;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the tool core (<see cref="Flux2ImageTools"/>, its image store and previewer) and the FLUX.2 caller it uses.</summary>
public static class Flux2ToolsServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="Flux2ImageTools"/>, <see cref="Flux2ImageStore"/> (as the <see cref="IFlux2ImageStore"/> unless one is registered), <see cref="Flux2ImagePreviewer"/>
    /// and <see cref="Flux2OutputRetention"/> configured from
    /// <c>Flux2:Tools</c> of <paramref name="configuration"/> (then <paramref name="configure"/>), and the caller with
    /// <c>AddFlux2Client(configuration)</c>.
    /// </summary>
    public static IServiceCollection AddFlux2Tools(this IServiceCollection services, IConfiguration? configuration = null, Action<Flux2ToolsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddFlux2Client(configuration);
        var options = services.AddOptions<Flux2ToolsOptions>();
        if (configuration is not null)
        {
            options.Bind(configuration.GetSection(Flux2ToolsOptions.SectionName));
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton<Flux2ImageStore>();
        services.TryAddSingleton<IFlux2ImageStore>(sp => sp.GetRequiredService<Flux2ImageStore>());
        services.TryAddSingleton<Flux2ImagePreviewer>();
        services.TryAddSingleton<Flux2OutputRetention>();
        services.TryAddSingleton<Flux2ImageTools>();
        return services;
    }
}
