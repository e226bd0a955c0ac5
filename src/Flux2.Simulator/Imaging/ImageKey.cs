namespace Flux2.Simulator.Imaging;

/// <summary>Everything that determines an image's bytes: the same key always renders the same image.</summary>
/// <param name="Prompt">The prompt.</param>
/// <param name="Seed">The seed of this image.</param>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels.</param>
/// <param name="Format">Encoded format.</param>
/// <param name="Blank">True for a black image (what providers return for NSFW-filtered images).</param>
/// <param name="ContentCredentials">True when the encoded image carries a C2PA manifest store (BFL's outputs do).</param>
internal sealed record ImageKey(string Prompt, long Seed, int Width, int Height, SimImageFormat Format, bool Blank = false, bool ContentCredentials = false);
