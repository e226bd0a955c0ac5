namespace Flux2.Simulator.Imaging;

/// <summary>One image of a result: its rendering, its seed and its URL on the simulator's CDN.</summary>
/// <param name="Image">The encoded image.</param>
/// <param name="Seed">The seed that produced it.</param>
/// <param name="Url">Its URL under /files.</param>
/// <param name="FileName">Its file name.</param>
/// <param name="Flagged">True when the image was flagged NSFW (and blanked).</param>
internal sealed record GeneratedImage(RenderedImage Image, long Seed, string Url, string FileName, bool Flagged);
