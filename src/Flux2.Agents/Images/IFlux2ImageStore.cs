using Flux2.Client;

namespace Flux2.Agents;

/// <summary>
/// Where generated images are kept under their ids (<c>flux2://images/{id}</c>): by default this process's memory and cache
/// folder (<see cref="Flux2ImageStore"/>); a shared store (Redis) lets every replica of a server read what another one made.
/// </summary>
public interface IFlux2ImageStore
{
    /// <summary>How long images are kept, as a phrase for messages ("while this server runs and in its cache folder").</summary>
    string Retention { get; }

    /// <summary>Keeps <paramref name="image"/> under its id (<see cref="Flux2ImageUris.NewId"/>).</summary>
    /// <exception cref="ArgumentException">The id is not an image id.</exception>
    /// <exception cref="Flux2Exception">The store refused the image (too large) or could not be reached; the message says which.</exception>
    ValueTask AddAsync(Flux2StoredImage image, CancellationToken cancellationToken = default);

    /// <summary>Finds an image by id or <c>flux2://images/{id}</c>; null when it is unknown or has expired.</summary>
    /// <exception cref="Flux2Exception">The store could not be reached.</exception>
    ValueTask<Flux2StoredImage?> GetAsync(string idOrUri, CancellationToken cancellationToken = default);
}
