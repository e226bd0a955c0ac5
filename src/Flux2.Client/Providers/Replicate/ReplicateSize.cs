namespace Flux2.Client;

/// <summary>How a width x height is said to Replicate: an aspect ratio with a resolution, or <c>custom</c> with pixels.</summary>
/// <param name="AspectRatio">"1:1", "16:9", ... or "custom".</param>
/// <param name="Resolution">"1 MP" .. "4 MP", or null with <c>custom</c>.</param>
/// <param name="Width">Pixels sent with <c>custom</c>, else null.</param>
/// <param name="Height">Pixels sent with <c>custom</c>, else null.</param>
/// <param name="Warning">Set when what was sent differs from what was asked.</param>
internal sealed record ReplicateSize(string AspectRatio, string? Resolution, int? Width, int? Height, string? Warning);
