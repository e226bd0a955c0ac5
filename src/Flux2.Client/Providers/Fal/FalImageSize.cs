namespace Flux2.Client;

/// <summary>fal's explicit <c>image_size</c> object (always sent: fal's preset names mean other pixels than the project's).</summary>
internal sealed record FalImageSize(int Width, int Height);
