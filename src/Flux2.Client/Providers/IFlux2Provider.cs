namespace Flux2.Client;

/// <summary>
/// A provider adapter: encodes a <see cref="Flux2ProviderRequest"/> in one provider's dialect, runs it
/// (sync, queue or polling, with cancel), and decodes the answer or maps the failure to a <see cref="Flux2Exception"/>.
/// </summary>
public interface IFlux2Provider
{
    /// <summary>The provider name used in configuration and requests, e.g. "fal".</summary>
    string Name { get; }

    /// <summary>The capability rows this provider serves.</summary>
    IReadOnlyList<Flux2ModelCapabilities> Models { get; }

    /// <summary>
    /// Runs one call, reporting to <see cref="Flux2ProviderRequest.Progress"/>. Cancelling the token cancels the provider's job
    /// where the provider can.
    /// </summary>
    Task<Flux2ProviderResponse> GenerateAsync(Flux2ProviderRequest request, CancellationToken cancellationToken);
}
