namespace Flux2.Client.Tests.Core;

public sealed class Flux2RequestPlannerTests
{
    private static readonly Flux2ModelCapabilities Row = new()
    {
        Provider = "fal",
        Model = Flux2Models.Pro,
        ProviderModelId = "fal-ai/flux-2-pro",
        MinSide = 256,
        MaxSide = 2048,
        SizeMultiple = 16,
        MaxMegapixels = 4,
    };

    [Theory]
    [InlineData(1000, 700, 1008, 704)]
    [InlineData(4096, 4096, 2000, 2000)]
    [InlineData(4096, 1024, 2048, 512)]
    [InlineData(100, 200, 256, 512)]
    [InlineData(1024, 1024, 1024, 1024)]
    public void MapSize_RoundsAndClampsKeepingAspect(int width, int height, int expectedWidth, int expectedHeight)
    {
        (int w, int h) = Flux2RequestPlanner.MapSize(width, height, Row);

        Assert.Equal((expectedWidth, expectedHeight), (w, h));
        Assert.True(w * (long)h <= 4_000_000);
    }

    [Theory]
    [InlineData("https://example.com/a.png", true)]
    [InlineData("data:image/png;base64,iVBORw0KGgo=", true)]
    [InlineData("file:///etc/passwd", false)]
    [InlineData("data:text/plain;base64,aGk=", false)]
    [InlineData("not a url", false)]
    public void IsValidReference_AcceptsOnlyHttpUrlsAndImageDataUris(string reference, bool expected)
    {
        Assert.Equal(expected, Flux2RequestPlanner.IsValidReference(reference));
    }
}
