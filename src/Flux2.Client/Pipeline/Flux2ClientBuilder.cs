using Microsoft.Extensions.DependencyInjection;

namespace Flux2.Client;

/// <summary>
/// Composes the caller from its core and layers, as Microsoft.Extensions.AI's <c>ImageGeneratorBuilder</c> does: each
/// <see cref="Use(Func{IFlux2Client, IServiceProvider, IFlux2Client})"/> adds a layer, and the first added is the outermost.
/// <c>AddFlux2Client</c> returns the registered builder with the default layers (telemetry, failover, budget) already added;
/// layers added after them sit closer to the core.
/// </summary>
public sealed class Flux2ClientBuilder
{
    private readonly Func<IServiceProvider, IFlux2Client> _innerClientFactory;
    private readonly List<Func<IFlux2Client, IServiceProvider, IFlux2Client>> _layers = [];

    /// <summary>Starts a pipeline over an existing client.</summary>
    public Flux2ClientBuilder(IFlux2Client innerClient)
    {
        ArgumentNullException.ThrowIfNull(innerClient);
        _innerClientFactory = _ => innerClient;
    }

    /// <summary>Starts a pipeline over a client made from the services when the pipeline is built.</summary>
    public Flux2ClientBuilder(Func<IServiceProvider, IFlux2Client> innerClientFactory)
    {
        ArgumentNullException.ThrowIfNull(innerClientFactory);
        _innerClientFactory = innerClientFactory;
    }

    /// <summary>Adds a layer inside the ones added before it.</summary>
    public Flux2ClientBuilder Use(Func<IFlux2Client, IFlux2Client> layerFactory)
    {
        ArgumentNullException.ThrowIfNull(layerFactory);
        return Use((inner, _) => layerFactory(inner));
    }

    /// <summary>Adds a layer, made with the services, inside the ones added before it.</summary>
    public Flux2ClientBuilder Use(Func<IFlux2Client, IServiceProvider, IFlux2Client> layerFactory)
    {
        ArgumentNullException.ThrowIfNull(layerFactory);
        _layers.Add(layerFactory);
        return this;
    }

    /// <summary>Builds the pipeline: the core, then each layer around it, the first added outermost.</summary>
    /// <exception cref="InvalidOperationException">A layer factory returned null.</exception>
    public IFlux2Client Build(IServiceProvider? services = null)
    {
        services ??= new ServiceCollection().BuildServiceProvider();
        IFlux2Client client = _innerClientFactory(services);
        for (int i = _layers.Count - 1; i >= 0; i--)
        {
            client = _layers[i](client, services)
                ?? throw new InvalidOperationException($"The layer factory at position {i} of the Flux2ClientBuilder returned null.");
        }

        return client;
    }
}
