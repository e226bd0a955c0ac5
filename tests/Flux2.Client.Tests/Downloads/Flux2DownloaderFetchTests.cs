namespace Flux2.Client.Tests.Downloads;

public sealed class Flux2DownloaderFetchTests : IClassFixture<DownloadServerFixture>
{
    private readonly DownloadTestServer _server;

    public Flux2DownloaderFetchTests(DownloadServerFixture fixture)
    {
        _server = fixture.Server;
    }

    [Fact]
    public async Task Fetch_OfAnImage_ReturnsItsBytesTypeAndSizeWithoutWritingAFile()
    {
        using var harness = new DownloadHarness();

        var fetched = await harness.Downloader.FetchAsync(_server.Url("/png"));

        Assert.Equal(TestImages.Png, fetched.Bytes.ToArray());
        Assert.Equal("image/png", fetched.ContentType);
        Assert.Equal((TestImages.Width, TestImages.Height), (fetched.Width, fetched.Height));
        Assert.Empty(harness.AllFiles());
    }

    [Fact]
    public async Task Fetch_OfAnErrorPage_IsRefusedAsNotAnImage()
    {
        using var harness = new DownloadHarness();

        var ex = await Assert.ThrowsAsync<Flux2Exception>(() => harness.Downloader.FetchAsync(_server.Url("/html")));

        Assert.Equal(Flux2ErrorKind.DownloadRefused, ex.Kind);
        Assert.Contains("text/html", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fetch_FromLoopbackWithoutAllowance_IsRefusedBeforeAnyRequest()
    {
        using var harness = new DownloadHarness(o => o.Download.AllowedPrivateHosts.Clear());
        var before = _server.Requests.Count;

        var ex = await Assert.ThrowsAsync<Flux2Exception>(() => harness.Downloader.FetchAsync(_server.Url("/png")));

        Assert.Equal(Flux2ErrorKind.DownloadRefused, ex.Kind);
        Assert.Equal(before, _server.Requests.Count);
    }

    [Fact]
    public async Task Fetch_OverTheSizeCap_IsRefused()
    {
        using var harness = new DownloadHarness(o => o.Download.MaxBytes = 16);

        Assert.True(TestImages.Png.Length > 16);

        var ex = await Assert.ThrowsAsync<Flux2Exception>(() => harness.Downloader.FetchAsync(_server.Url("/png")));

        Assert.Equal(Flux2ErrorKind.DownloadRefused, ex.Kind);
    }
}
