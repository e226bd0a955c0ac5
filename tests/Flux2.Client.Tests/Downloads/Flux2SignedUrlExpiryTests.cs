namespace Flux2.Client.Tests.Downloads;

public sealed class Flux2SignedUrlExpiryTests
{
    [Theory]
    [InlineData("https://delivery-eu1.bfl.ai/r/sample.jpeg?se=2025-03-01T10%3A20%3A00Z&sp=r&sig=abc", "2025-03-01T10:20:00Z")]
    [InlineData("https://b.s3.amazonaws.com/x.png?X-Amz-Date=20250301T100000Z&X-Amz-Expires=3600&X-Amz-Signature=abc", "2025-03-01T11:00:00Z")]
    [InlineData("https://storage.googleapis.com/b/x.png?X-Goog-Date=20250301T100000Z&X-Goog-Expires=600&X-Goog-Signature=abc", "2025-03-01T10:10:00Z")]
    [InlineData("https://d1.cloudfront.net/x.png?Expires=1740824400&Signature=abc&Key-Pair-Id=K", "2025-03-01T10:20:00Z")]
    public void ExpiresAt_OfASignedUrl_ReadsItsExpiry(string url, string expected)
    {
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Flux2SignedUrlExpiry.ExpiresAt(new Uri(url)));
    }

    [Theory]
    [InlineData("https://fal.media/files/x.png")]
    [InlineData("https://replicate.delivery/pbxt/x.webp?download=1")]
    public void ExpiresAt_OfAnUnsignedUrl_IsNull(string url)
    {
        Assert.Null(Flux2SignedUrlExpiry.ExpiresAt(new Uri(url)));
    }
}
