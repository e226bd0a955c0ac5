namespace Flux2.Client;

/// <summary>
/// An adapter's own reading of an unsuccessful response: returns a more precise <see cref="Flux2Exception"/>
/// (from the provider's error body), or null to keep the generic status-based one.
/// </summary>
internal delegate Flux2Exception? Flux2ErrorRefiner(Flux2HttpError error);
