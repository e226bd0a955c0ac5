namespace Flux2.Client;

/// <summary>The provider-agnostic FLUX.2 caller: one normalized request in, one normalized result out.</summary>
public interface IFlux2Client
{
    /// <summary>The capability matrix of every registered provider.</summary>
    IReadOnlyList<Flux2ModelCapabilities> Capabilities { get; }

    /// <summary>Validates, maps, sends (with fan-out, retries and failover as configured) and normalizes the result.</summary>
    /// <exception cref="Flux2Exception">Anything that went wrong, typed; <see cref="Flux2ContentFilteredException"/> when every image was refused.</exception>
    Task<Flux2ImageResult> GenerateAsync(Flux2ImageRequest request, IProgress<Flux2Progress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Validates and plans the request as <see cref="GenerateAsync"/> would, without sending anything, and says what it would make
    /// and cost; null when this caller cannot tell.
    /// </summary>
    /// <exception cref="Flux2Exception">The request cannot be served (nothing was sent).</exception>
    Task<Flux2CostEstimate?> EstimateAsync(Flux2ImageRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult<Flux2CostEstimate?>(null);
}
