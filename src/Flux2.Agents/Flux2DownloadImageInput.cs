namespace Flux2.Agents;

/// <summary>The arguments of <c>download_image</c>.</summary>
public sealed class Flux2DownloadImageInput
{
    /// <summary>An http(s) URL, or flux2://images/{id} (or the bare id) of an image generated earlier.</summary>
    public string Url { get; set; } = "";

    /// <summary>File name or path relative to the output directory; null derives one from the URL or id.</summary>
    public string? Path { get; set; }

    /// <summary>Replace an existing file (default false).</summary>
    public bool Overwrite { get; set; }
}
