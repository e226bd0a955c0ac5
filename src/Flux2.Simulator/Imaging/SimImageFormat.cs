namespace Flux2.Simulator.Imaging;

/// <summary>An encoded image format the simulator produces.</summary>
internal enum SimImageFormat
{
    /// <summary>PNG.</summary>
    Png,

    /// <summary>JPEG.</summary>
    Jpeg,

    /// <summary>WebP.</summary>
    Webp,
}
