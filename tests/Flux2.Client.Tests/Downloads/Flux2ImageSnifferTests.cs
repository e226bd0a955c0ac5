namespace Flux2.Client.Tests.Downloads;

public sealed class Flux2ImageSnifferTests
{
    public static TheoryData<string, byte[], string, int, int> Images => new()
    {
        { "png", TestImages.Png, "image/png", TestImages.Width, TestImages.Height },
        { "jpeg", TestImages.Jpeg, "image/jpeg", TestImages.Width, TestImages.Height },
        { "webp lossy", TestImages.WebpLossy, "image/webp", TestImages.Width, TestImages.Height },
        { "webp lossless", TestImages.WebpLossless, "image/webp", TestImages.Width, TestImages.Height },
        { "webp extended", TestImages.WebpExtended(4000, 3000), "image/webp", 4000, 3000 },
        { "gif", TestImages.Gif(640, 480), "image/gif", 640, 480 },
        { "jpeg with large exif", TestImages.JpegWithLargeExif(1920, 1080), "image/jpeg", 1920, 1080 },
        { "png header", TestImages.PngHeader(2048, 1536), "image/png", 2048, 1536 },
    };

    [Theory]
    [MemberData(nameof(Images))]
    public void Sniffer_RecognisesTheFormatAndReadsTheDimensions(string name, byte[] bytes, string contentType, int width, int height)
    {
        _ = name;
        var format = Flux2ImageSniffer.Identify(bytes.AsSpan(0, Math.Min(bytes.Length, Flux2ImageSniffer.SniffLength)));

        Assert.NotNull(format);
        Assert.Equal(contentType, format.ContentType);
        Assert.Equal((width, height), Flux2ImageSniffer.ReadDimensions(new MemoryStream(bytes), format));
    }

    [Fact]
    public void Sniffer_RecognisesAvifWithoutDimensions()
    {
        var format = Flux2ImageSniffer.Identify(TestImages.AvifHeader());

        Assert.Equal("image/avif", format?.ContentType);
    }

    [Theory]
    [InlineData("<!DOCTYPE html><html><body>403</body></html>")]
    [InlineData("{\"detail\":\"Not found\"}")]
    [InlineData("<?xml version=\"1.0\"?><Error/>")]
    [InlineData("")]
    [InlineData("RIFF0000WAVEfmt ")]
    public void Sniffer_RefusesTextAndOtherFormats(string body)
    {
        Assert.Null(Flux2ImageSniffer.Identify(System.Text.Encoding.UTF8.GetBytes(body)));
    }

    [Fact]
    public void Sniffer_OfATruncatedJpeg_ReportsNoDimensions()
    {
        var truncated = TestImages.JpegWithLargeExif(10, 10)[..1000];

        Assert.Null(Flux2ImageSniffer.ReadDimensions(new MemoryStream(truncated), Flux2ImageFormat.Jpeg));
    }
}
