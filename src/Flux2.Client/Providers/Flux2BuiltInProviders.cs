using Microsoft.Extensions.DependencyInjection;

namespace Flux2.Client;

/// <summary>Registers the built-in provider adapters: one line per adapter.</summary>
internal static class Flux2BuiltInProviders
{
    /// <summary>Adds every built-in adapter as an <see cref="IFlux2Provider"/>.</summary>
    public static IServiceCollection AddFlux2BuiltInProviders(this IServiceCollection services)
    {
        // services.AddSingleton<IFlux2Provider, FalProvider>();
        return services;
    }
}
