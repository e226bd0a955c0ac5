namespace Flux2.Client;

/// <summary>An image fetched into memory with the download guards (for callers that want bytes, not a file).</summary>
/// <param name="Bytes">The image bytes.</param>
/// <param name="ContentType">MIME type from the magic bytes.</param>
/// <param name="Width">Width in pixels, read from the header, when known.</param>
/// <param name="Height">Height in pixels, read from the header, when known.</param>
public sealed record Flux2FetchedImage(ReadOnlyMemory<byte> Bytes, string ContentType, int? Width, int? Height);
