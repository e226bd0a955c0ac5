namespace Flux2.Client;

/// <summary>
/// A layer of the caller's pipeline: forwards everything (generation, estimates, the capability matrix) to the client it wraps,
/// so a layer overrides only what it changes. The way Microsoft.Extensions.AI's <c>DelegatingImageGenerator</c> composes.
/// </summary>
public class DelegatingFlux2Client : IFlux2Client, IDisposable
{
    /// <summary>Wraps <paramref name="innerClient"/>.</summary>
    protected DelegatingFlux2Client(IFlux2Client innerClient)
    {
        ArgumentNullException.ThrowIfNull(innerClient);
        InnerClient = innerClient;
    }

    /// <summary>The client this layer wraps.</summary>
    protected IFlux2Client InnerClient { get; }

    /// <inheritdoc/>
    public virtual IReadOnlyList<Flux2ModelCapabilities> Capabilities => InnerClient.Capabilities;

    /// <inheritdoc/>
    public virtual Task<Flux2ImageResult> GenerateAsync(Flux2ImageRequest request, CancellationToken cancellationToken = default) =>
        InnerClient.GenerateAsync(request, cancellationToken);

    /// <inheritdoc/>
    public virtual Task<Flux2CostEstimate> EstimateAsync(Flux2ImageRequest request, CancellationToken cancellationToken = default) =>
        InnerClient.EstimateAsync(request, cancellationToken);

    /// <summary>Disposes the inner client when it is disposable.</summary>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Disposes the inner client when <paramref name="disposing"/> and it is disposable.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            (InnerClient as IDisposable)?.Dispose();
        }
    }
}
