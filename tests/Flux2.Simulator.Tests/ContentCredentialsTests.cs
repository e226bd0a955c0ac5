using Flux2.Simulator.Imaging;
using SkiaSharp;

namespace Flux2.Simulator.Tests;

/// <summary>
/// The simulator's C2PA embedding: every format still decodes at its size, with the same pixels on every render, and carries
/// the manifest store where the specification puts it. (Checked once by hand with the c2pa-rs toolkit: signature validated,
/// hashed URIs and data hash match, in JPEG, PNG and WebP.)
/// </summary>
public sealed class ContentCredentialsTests
{
    [Theory]
    [InlineData("Jpeg", 96, 64)]
    [InlineData("Png", 96, 64)]
    [InlineData("Webp", 96, 64)]
    [InlineData("Jpeg", 1360, 768)]
    [InlineData("Png", 5456, 3072)]
    public void AnImageWithContentCredentials_StillDecodes_AndCarriesTheStore(string formatName, int width, int height)
    {
        var format = Enum.Parse<SimImageFormat>(formatName);
        var plain = ImageRenderer.Render(new ImageKey("a fox", 7, width, height, format));
        var signed = ImageRenderer.Render(new ImageKey("a fox", 7, width, height, format, ContentCredentials: true));

        using var bitmap = SKBitmap.Decode(signed.Bytes);
        Assert.NotNull(bitmap);
        Assert.Equal((width, height), (bitmap.Width, bitmap.Height));
        Assert.True(signed.Bytes.Length > plain.Bytes.Length + 500, "the manifest store adds its boxes");
        var carried = format switch
        {
            SimImageFormat.Jpeg => BflFlux3Tests.HasJpegApp11Jumbf(signed.Bytes),
            SimImageFormat.Png => BflFlux3Tests.ContainsC2paChunk(signed.Bytes, "caBX"),
            _ => System.Text.Encoding.ASCII.GetString(signed.Bytes).Contains("C2PA", StringComparison.Ordinal) && System.Text.Encoding.ASCII.GetString(signed.Bytes, 12, 4) == "VP8X",
        };
        Assert.True(carried);
        using var again = SKBitmap.Decode(ImageRenderer.Render(new ImageKey("a fox", 7, width, height, format, ContentCredentials: true)).Bytes);
        Assert.Equal(bitmap.GetPixelSpan().ToArray(), again.GetPixelSpan().ToArray());
    }
}
