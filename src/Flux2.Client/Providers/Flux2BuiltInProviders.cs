using Microsoft.Extensions.DependencyInjection;

namespace Flux2.Client;

/// <summary>Registers the built-in provider adapters: one line per adapter.</summary>
internal static class Flux2BuiltInProviders
{
    /// <summary>Adds every built-in adapter as an <see cref="IFlux2Provider"/>.</summary>
    public static IServiceCollection AddFlux2BuiltInProviders(this IServiceCollection services)
    {
        services.AddSingleton<IFlux2Provider, FalProvider>();
        services.AddSingleton<IFlux2Provider, BflProvider>();
        services.AddSingleton<IFlux2Provider, ReplicateProvider>();
        services.AddSingleton<IFlux2Provider, TogetherProvider>();
        services.AddSingleton<IFlux2Provider>(OpenAICompatibleProvider.CreateAimlApi);
        services.AddSingleton<IFlux2Provider>(OpenAICompatibleProvider.CreateOpenAI);
        services.AddSingleton<IFlux2Provider, SegmindProvider>();
        return services;
    }
}
