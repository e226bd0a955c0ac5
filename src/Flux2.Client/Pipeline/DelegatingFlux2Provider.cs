namespace Flux2.Client;

/// <summary>
/// The base of the layers around each provider adapter (limits, deadline): it keeps the inner provider and forwards its name and
/// models, so a layer only writes what it adds to <see cref="GenerateAsync"/>.
/// </summary>
internal abstract class DelegatingFlux2Provider : IFlux2Provider
{
    /// <summary>Wraps <paramref name="inner"/>.</summary>
    protected DelegatingFlux2Provider(IFlux2Provider inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        Inner = inner;
    }

    /// <inheritdoc/>
    public string Name => Inner.Name;

    /// <inheritdoc/>
    public IReadOnlyList<Flux2ModelCapabilities> Models => Inner.Models;

    /// <summary>The provider (or layer) this one wraps.</summary>
    protected IFlux2Provider Inner { get; }

    /// <inheritdoc/>
    public abstract Task<Flux2ProviderResponse> GenerateAsync(Flux2ProviderRequest request, CancellationToken cancellationToken);
}
