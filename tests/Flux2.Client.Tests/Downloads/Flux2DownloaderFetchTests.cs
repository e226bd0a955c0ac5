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

    [Fact]
    public async Task Fetch_OfAnErrorPage_NamesWhatCameBack()
    {
        using var harness = new DownloadHarness();

        var ex = await Assert.ThrowsAsync<Flux2Exception>(() => harness.Downloader.FetchAsync(_server.Url("/html")));

        Assert.Equal(Flux2ErrorCategory.Argument, ex.Category);
        Assert.Contains("54 bytes", ex.Message, StringComparison.Ordinal);
        Assert.Contains("starting '<!DOCTYPE html><html><body>Access denied</body></html", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FetchResult_OfAnErrorPage_IsTheProvidersBadResult_NamingTypeSizeAndFirstBytes()
    {
        using var harness = new DownloadHarness();

        var ex = await Assert.ThrowsAsync<Flux2Exception>(() => harness.Downloader.FetchResultAsync(_server.Url("/html?se=2030-01-01&sig=SECRETSIG"), "bfl"));

        Assert.Equal(Flux2ErrorKind.BadResult, ex.Kind);
        Assert.Equal(Flux2ErrorCategory.Provider, ex.Category);
        Assert.Equal("bfl", ex.Provider);
        Assert.Null(ex.Parameter);
        Assert.StartsWith("bfl finished the job, but its result (the download from '127.0.0.1') is text/html", ex.Message, StringComparison.Ordinal);
        Assert.Contains("text/html", ex.Message, StringComparison.Ordinal);
        Assert.Contains("54 bytes", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'<!DOCTYPE html>", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRETSIG", ex.Message, StringComparison.Ordinal);
        Assert.Empty(harness.AllFiles());
    }

    [Fact]
    public async Task FetchResult_OfJson_ShowsTheJsonItAnswered()
    {
        using var harness = new DownloadHarness();

        var ex = await Assert.ThrowsAsync<Flux2Exception>(() => harness.Downloader.FetchResultAsync(_server.Url("/json"), "fal"));

        Assert.Equal(Flux2ErrorKind.BadResult, ex.Kind);
        Assert.Contains("application/json", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'{\"error\":\"not found\"}'", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, "announced")]
    [InlineData(false, "more than 65536 bytes sent")]
    public async Task FetchResult_OverTheSizeCap_IsTheProvidersBadResult_NamingTheSizeAndTheSetting(bool announce, string size)
    {
        using var harness = new DownloadHarness(o => o.Download.MaxBytes = 65536);

        var ex = await Assert.ThrowsAsync<Flux2Exception>(() =>
            harness.Downloader.FetchResultAsync(_server.Url($"/stream?bytes=200000&announce={announce}"), "replicate"));

        Assert.Equal(Flux2ErrorKind.BadResult, ex.Kind);
        Assert.Equal(Flux2ErrorCategory.Provider, ex.Category);
        Assert.Contains(size, ex.Message, StringComparison.Ordinal);
        Assert.Contains("Flux2:Download:MaxBytes", ex.Message, StringComparison.Ordinal);
        Assert.Contains("65536 bytes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FetchResult_FromARefusedAddress_IsTheProvidersBadResult_KeepingTheGuardsAdvice()
    {
        using var harness = new DownloadHarness(o => o.Download.AllowedPrivateHosts.Clear());
        var before = _server.Requests.Count;

        var ex = await Assert.ThrowsAsync<Flux2Exception>(() => harness.Downloader.FetchResultAsync(_server.Url("/png"), "fal"));

        Assert.Equal(Flux2ErrorKind.BadResult, ex.Kind);
        Assert.Contains("AllowedPrivateHosts", ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, _server.Requests.Count);
    }

    [Fact]
    public async Task FetchResult_OfAnExpiredUrl_StaysResultExpired()
    {
        using var harness = new DownloadHarness();

        var ex = await Assert.ThrowsAsync<Flux2Exception>(() => harness.Downloader.FetchResultAsync(_server.Url("/expired"), "fal"));

        Assert.Equal(Flux2ErrorKind.ResultExpired, ex.Kind);
    }

    [Fact]
    public async Task FetchResult_OfAnImage_ReturnsIt()
    {
        using var harness = new DownloadHarness();

        var fetched = await harness.Downloader.FetchResultAsync(_server.Url("/png"), "fal");

        Assert.Equal(TestImages.Png, fetched.Bytes.ToArray());
    }
}
