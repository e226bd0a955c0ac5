namespace Flux2.Client;

/// <summary>How a width x height is said to Replicate: an aspect ratio with a resolution or megapixels, or <c>custom</c> with pixels.</summary>
/// <param name="AspectRatio">"1:1", "16:9", ... or "custom".</param>
/// <param name="Resolution">"1 MP" .. "4 MP" (pro/max/flex), or null.</param>
/// <param name="Width">Pixels sent with <c>custom</c>, else null.</param>
/// <param name="Height">Pixels sent with <c>custom</c>, else null.</param>
/// <param name="Warning">Set when what was sent differs from what was asked.</param>
/// <param name="Megapixels">klein's <c>output_megapixels</c>, or null.</param>
/// <param name="Expected">The size the model will return when it is not exactly what was sent, or null.</param>
internal sealed record ReplicateSize(string AspectRatio, string? Resolution, int? Width, int? Height, string? Warning, double? Megapixels = null, (int Width, int Height)? Expected = null);
