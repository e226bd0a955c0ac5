namespace Flux2.Agents;

/// <summary>A small JPEG of a generated image for surfaces that show images inline.</summary>
/// <param name="Data">The JPEG bytes.</param>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels.</param>
public sealed record Flux2ImagePreview(ReadOnlyMemory<byte> Data, int Width, int Height)
{
    /// <summary>The MIME type, image/jpeg.</summary>
    public static string ContentType => "image/jpeg";

    /// <summary>The length of the bytes as base64 text.</summary>
    public int Base64Length => Flux2ImagePreviewer.Base64Length(Data.Length);
}
