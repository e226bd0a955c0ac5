namespace ImageWorkflow;

/// <summary>The workflow's output: the downloaded refinement and where it came from.</summary>
/// <param name="Refined">The refined image that was downloaded.</param>
/// <param name="Path">Full path of the saved file.</param>
/// <param name="Bytes">Size in bytes.</param>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the file.</param>
internal sealed record FinalImage(RefinedImage Refined, string Path, long Bytes, int? Width, int? Height, string Sha256);
