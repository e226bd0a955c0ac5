using System.ComponentModel;
using D = Flux2.Agents.Flux2ToolDescriptions;

namespace Flux2.Agents;

/// <summary>The arguments of <c>download_image</c>: like <see cref="Flux2GenerateImageInput"/>, the tool's one definition.</summary>
public sealed class Flux2DownloadImageInput
{
    /// <summary>An http(s) URL, or flux2://images/{id} (or the bare id) of an image generated earlier.</summary>
    [Description(D.Url)]
    public required string Url { get; set; }

    /// <summary>File name or path relative to the output directory; null derives one from the URL or id.</summary>
    [Description(D.Path)]
    public string? Path { get; set; }

    /// <summary>Replace an existing file (default false).</summary>
    [Description(D.Overwrite)]
    public bool Overwrite { get; set; }
}
