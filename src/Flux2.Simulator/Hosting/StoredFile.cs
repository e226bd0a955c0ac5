using Flux2.Simulator.Imaging;

namespace Flux2.Simulator.Hosting;

/// <summary>A file the simulator's CDN serves: the key to re-render it and when its URL expires.</summary>
/// <param name="Key">The image key (images are deterministic, so only the key is stored).</param>
/// <param name="ExpiresAt">When the URL stops working.</param>
internal sealed record StoredFile(ImageKey Key, DateTimeOffset ExpiresAt);
