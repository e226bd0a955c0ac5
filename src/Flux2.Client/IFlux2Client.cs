namespace Flux2.Client;

/// <summary>
/// The provider-agnostic FLUX caller: one normalized request in, one normalized result out. Built as a pipeline: a core that
/// resolves the provider, plans and fans out, wrapped by <see cref="DelegatingFlux2Client"/> layers (see <see cref="Flux2ClientBuilder"/>).
/// </summary>
public interface IFlux2Client
{
    /// <summary>The capability matrix of every registered provider.</summary>
    IReadOnlyList<Flux2ModelCapabilities> Capabilities { get; }

    /// <summary>
    /// Validates, maps, sends (with fan-out, retries and failover as configured) and normalizes the result. Progress goes to
    /// <see cref="Flux2ImageRequest.Progress"/>.
    /// </summary>
    /// <exception cref="Flux2Exception">Anything that went wrong, typed; <see cref="Flux2ContentFilteredException"/> when every image was refused.</exception>
    Task<Flux2ImageResult> GenerateAsync(Flux2ImageRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Validates and plans the request as <see cref="GenerateAsync"/> would, without sending anything, and says what it would make
    /// and cost (<see cref="Flux2CostEstimate.EstimatedUsd"/> is null when the provider publishes no price).
    /// </summary>
    /// <exception cref="Flux2Exception">The request cannot be served (nothing was sent).</exception>
    Task<Flux2CostEstimate> EstimateAsync(Flux2ImageRequest request, CancellationToken cancellationToken = default);
}
