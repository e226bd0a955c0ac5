namespace Flux2.Client;

/// <summary>
/// Saves images into the output directory, safely: streamed in constant memory to a temp file then renamed,
/// size-capped, checked to be an image by its magic bytes, hashed, and refused when the source or path is unsafe.
/// </summary>
public interface IFlux2Downloader
{
    /// <summary>Downloads an http(s) URL (or decodes a data URI) to <paramref name="path"/>, relative to the output directory.</summary>
    /// <exception cref="Flux2Exception"><see cref="Flux2ErrorKind.DownloadRefused"/> for a guard; network and expiry kinds otherwise.</exception>
    Task<Flux2SavedFile> DownloadAsync(Uri source, string path, bool overwrite = false, CancellationToken cancellationToken = default);

    /// <summary>Saves bytes already in hand to <paramref name="path"/>, relative to the output directory, with the same guards.</summary>
    Task<Flux2SavedFile> SaveAsync(ReadOnlyMemory<byte> bytes, string path, bool overwrite = false, CancellationToken cancellationToken = default);

    /// <summary>Fetches an http(s) URL (or decodes a data URI) into memory with the same guards (scheme, private addresses, redirects, size cap, magic bytes).</summary>
    /// <exception cref="Flux2Exception"><see cref="Flux2ErrorKind.DownloadRefused"/> for a guard; network and expiry kinds otherwise.</exception>
    Task<Flux2FetchedImage> FetchAsync(Uri source, CancellationToken cancellationToken = default);

    /// <summary>
    /// Fetches a provider's result image (the URL the provider returned, not one the caller gave) with the same guards. What a guard
    /// refuses here is the provider's fault, not the caller's: an HTML page, an image over the cap, a refused address all become
    /// <see cref="Flux2ErrorKind.BadResult"/> (provider category) naming <paramref name="provider"/> and what came back.
    /// </summary>
    /// <exception cref="Flux2Exception"><see cref="Flux2ErrorKind.BadResult"/> for a guard; network and expiry kinds otherwise.</exception>
    Task<Flux2FetchedImage> FetchResultAsync(Uri source, string provider, CancellationToken cancellationToken = default);

    /// <summary>Resolves a user path against the output directory, refusing one that leaves it.</summary>
    string ResolvePath(string path);
}
