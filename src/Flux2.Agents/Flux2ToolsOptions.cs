namespace Flux2.Agents;

/// <summary>Settings of the tool core, bound from <c>Flux2:Tools</c>.</summary>
public sealed class Flux2ToolsOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Flux2:Tools";

    /// <summary>Save every generated image into the output directory and return its path (default true).</summary>
    public bool SaveImages { get; set; } = true;

    /// <summary>
    /// download_image writes the image into the output directory and returns its path (default true). False keeps it in the image
    /// store only and returns its <c>flux2://images/{id}</c>: for servers whose users cannot reach the server's disk.
    /// </summary>
    public bool SaveDownloads { get; set; } = true;

    /// <summary>Image files in the output directory older than this are removed (default unset: kept for ever). See <see cref="Flux2OutputRetention"/>.</summary>
    public TimeSpan? OutputMaxAge { get; set; }

    /// <summary>Megabytes of image files the output directory may hold; the oldest are removed beyond it (default unset: no limit).</summary>
    public int? OutputMaxMegabytes { get; set; }

    /// <summary>Memory kept for generated images, in megabytes; least recently used images move to disk only (default 256).</summary>
    public int MemoryCacheMegabytes { get; set; } = 256;

    /// <summary>Folder that keeps generated images for their ids after provider URLs expire (default: the system temp folder's flux2-agents/images).</summary>
    public string? CacheDirectory { get; set; }

    /// <summary>Disk space of <see cref="CacheDirectory"/>, in megabytes; the oldest files are removed beyond it (default 1024).</summary>
    public int DiskCacheMegabytes { get; set; } = 1024;

    /// <summary>Make downscaled JPEG previews for surfaces that show images inline (default true).</summary>
    public bool Previews { get; set; } = true;

    /// <summary>Largest preview as base64 text, in bytes (default 750 000, under common clients' 1 MB limits).</summary>
    public int PreviewMaxBase64Bytes { get; set; } = 750_000;

    /// <summary>Longest preview side in pixels (default 1568, what vision models use without rescaling).</summary>
    public int PreviewMaxLongSide { get; set; } = 1568;

    /// <summary>Folders from which local files may be sent as reference images, besides the output directory.</summary>
    public IList<string> AllowedRoots { get; } = [];

    /// <summary>Largest local or stored reference image sent, in bytes (default 20 MiB).</summary>
    public long MaxReferenceImageBytes { get; set; } = 20L * 1024 * 1024;
}
