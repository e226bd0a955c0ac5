namespace Flux2.Agents;

/// <summary>The tool names every surface uses.</summary>
public static class Flux2ToolNames
{
    /// <summary>The image generation tool.</summary>
    public const string GenerateImage = "generate_image";

    /// <summary>The image download tool.</summary>
    public const string DownloadImage = "download_image";
}
