namespace Flux2.Simulator.Imaging;

/// <summary>An encoded image.</summary>
/// <param name="Bytes">The encoded bytes.</param>
/// <param name="ContentType">The MIME type.</param>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels.</param>
internal sealed record RenderedImage(byte[] Bytes, string ContentType, int Width, int Height);
