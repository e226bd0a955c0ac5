using System.Security.Cryptography;

namespace Flux2.Client.Tests.Downloads;

public sealed class Flux2DownloaderTests : IClassFixture<DownloadServerFixture>
{
    private readonly DownloadTestServer _server;

    public Flux2DownloaderTests(DownloadServerFixture fixture)
    {
        _server = fixture.Server;
    }

    [Theory]
    [InlineData("png", "image/png")]
    [InlineData("jpeg", "image/jpeg")]
    [InlineData("webp", "image/webp")]
    public async Task Download_OfAnImage_SavesItWithHashSizeAndDimensions(string kind, string contentType)
    {
        using var harness = new DownloadHarness();
        var expected = kind switch { "png" => TestImages.Png, "jpeg" => TestImages.Jpeg, _ => TestImages.WebpLossy };

        var saved = await harness.Downloader.DownloadAsync(_server.Url("/" + kind), "cat." + kind);

        Assert.Equal(Path.Combine(harness.OutputDirectory, "cat." + kind), saved.Path);
        Assert.Equal(expected, await File.ReadAllBytesAsync(saved.Path));
        Assert.Equal(expected.Length, saved.Bytes);
        Assert.Equal(contentType, saved.ContentType);
        Assert.Equal(TestImages.Width, saved.Width);
        Assert.Equal(TestImages.Height, saved.Height);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(expected)), saved.Sha256);
        Assert.Equal(_server.Url("/" + kind), saved.Source);
        Assert.Equal([Path.Combine("out", "cat." + kind)], harness.AllFiles());
    }

    [Fact]
    public async Task Download_SendsANonEmptyUserAgent()
    {
        using var harness = new DownloadHarness();
        var before = _server.UserAgents.Count;

        await harness.Downloader.DownloadAsync(_server.Url("/png?ua=1"), "ua.png");

        var userAgent = _server.UserAgents.Skip(before).Last();
        Assert.StartsWith("Flux2.Agents/", userAgent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Download_WithoutExtension_AddsTheExtensionOfTheContent()
    {
        using var harness = new DownloadHarness();

        var saved = await harness.Downloader.DownloadAsync(_server.Url("/jpeg"), "sub/photo");

        Assert.Equal(Path.Combine(harness.OutputDirectory, "sub", "photo.jpg"), saved.Path);
        Assert.True(File.Exists(saved.Path));
        Assert.Equal([Path.Combine("out", "sub", "photo.jpg")], harness.AllFiles());
    }

    [Theory]
    [InlineData("picture.png", "picture.jpg")]
    [InlineData("picture.gif", "picture.jpg")]
    [InlineData("notes.txt", "notes.txt.jpg")]
    [InlineData("shot.final", "shot.final.jpg")]
    public async Task Download_UnderANameItsBytesContradict_SavesUnderTheExtensionTheBytesCallFor(string asked, string expected)
    {
        using var harness = new DownloadHarness();

        var saved = await harness.Downloader.DownloadAsync(_server.Url("/mislabelled"), asked);

        Assert.Equal(Path.Combine(harness.OutputDirectory, expected), saved.Path);
        Assert.Equal("image/jpeg", saved.ContentType);
        Assert.Equal([Path.Combine("out", expected)], harness.AllFiles());
    }

    [Fact]
    public async Task Download_FollowsARelativeRedirect()
    {
        using var harness = new DownloadHarness();

        var saved = await harness.Downloader.DownloadAsync(_server.Url("/redirect?to=%2Fwebp"), "moved.webp");

        Assert.Equal("image/webp", saved.ContentType);
        Assert.Equal(TestImages.WebpLossy.Length, saved.Bytes);
    }

    [Theory]
    [InlineData("ftp://example.com/x.png", "ftp")]
    [InlineData("file:///etc/passwd", "file")]
    [InlineData("javascript:alert(1)", "javascript")]
    public async Task Download_WithAnUnsupportedScheme_IsRefusedNamingTheAllowedSchemes(string url, string scheme)
    {
        using var harness = new DownloadHarness();

        var ex = await Assert.ThrowsAsync<Flux2Exception>(() => harness.Downloader.DownloadAsync(new Uri(url), "x.png"));

        Assert.Equal(Flux2ErrorKind.DownloadRefused, ex.Kind);
        Assert.Equal("url", ex.Parameter);
        Assert.Contains($"'{scheme}:'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("http, https", ex.Message, StringComparison.Ordinal);
        Assert.Empty(harness.AllFiles());
    }

    [Fact]
    public async Task Download_FromLoopbackWithoutAllowance_IsRefusedBeforeAnyRequest()
    {
        using var harness = new DownloadHarness(o => o.Download.AllowedPrivateHosts.Clear());
        var before = _server.Requests.Count;

        var ex = await Assert.ThrowsAsync<Flux2Exception>(() => harness.Downloader.DownloadAsync(_server.Url("/png"), "x.png"));

        Assert.Equal(Flux2ErrorKind.DownloadRefused, ex.Kind);
        Assert.Equal("url", ex.Parameter);
        Assert.Contains("loopback", ex.Message, StringComparison.Ordinal);
        Assert.Contains("AllowedPrivateHosts", ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, _server.Requests.Count);
        Assert.Empty(harness.AllFiles());
    }

    [Fact]
    public async Task Download_FromAHostNameResolvingToLoopback_IsRefusedWhenConnecting()
    {
        using var harness = new DownloadHarness(o => o.Download.AllowedPrivateHosts.Clear());
        var url = new UriBuilder(_server.Url("/png")) { Host = "localhost" }.Uri;
        var before = _server.Requests.Count;

        var ex = await Assert.ThrowsAsync<Flux2Exception>(() => harness.Downloader.DownloadAsync(url, "x.png"));

        Assert.Equal(Flux2ErrorKind.DownloadRefused, ex.Kind);
        Assert.Equal("url", ex.Parameter);
        Assert.Contains("'localhost'", ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, _server.Requests.Count);
        Assert.Empty(harness.AllFiles());
    }

    [Fact]
    public async Task Download_FromLinkLocalMetadataAddress_IsRefused()
    {
        using var harness = new DownloadHarness();

        var ex = await Assert.ThrowsAsync<Flux2Exception>(
            () => harness.Downloader.DownloadAsync(new Uri("http://169.254.169.254/latest/meta-data/iam"), "x.png"));

        Assert.Equal(Flux2ErrorKind.DownloadRefused, ex.Kind);
        Assert.Contains("link-local", ex.Message, StringComparison.Ordinal);
        Assert.Empty(harness.AllFiles());
    }

    [Fact]
    public async Task Download_FromLoopbackWithAllowPrivateNetworks_Succeeds()
    {
        using var harness = new DownloadHarness(o =>
        {
            o.Download.AllowedPrivateHosts.Clear();
            o.Download.AllowPrivateNetworks = true;
        });

        var saved = await harness.Downloader.DownloadAsync(_server.Url("/png"), "x.png");

        Assert.Equal("image/png", saved.ContentType);
    }

    [Fact]
    public async Task Download_FromAConfiguredProviderBaseUrlHost_IsAllowedOnLoopback()
    {
        using var harness = new DownloadHarness(o =>
        {
            o.Download.AllowedPrivateHosts.Clear();
            o.GetProvider(Flux2Providers.Bfl).BaseUrl = new Uri(_server.BaseUri, "/bfl");
        });

        var saved = await harness.Downloader.DownloadAsync(_server.Url("/png"), "x.png");

        Assert.Equal("image/png", saved.ContentType);
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("http://10.0.0.1/x.png")]
    [InlineData("http://[::1]/x.png")]
    public async Task Download_RedirectedToAPrivateAddress_IsRefused(string target)
    {
        using var harness = new DownloadHarness();

        var ex = await Assert.ThrowsAsync<Flux2Exception>(
            () => harness.Downloader.DownloadAsync(_server.Url("/redirect?to=" + Uri.EscapeDataString(target)), "x.png"));

        Assert.Equal(Flux2ErrorKind.DownloadRefused, ex.Kind);
        Assert.Equal("url", ex.Parameter);
        Assert.Empty(harness.AllFiles());
    }

    [Fact]
    public async Task Download_RedirectedToAnotherLoopbackName_IsRefusedWhenConnecting()
    {
        using var harness = new DownloadHarness();
        var target = new UriBuilder(_server.Url("/png")) { Host = "localhost" }.Uri;

        var ex = await Assert.ThrowsAsync<Flux2Exception>(
            () => harness.Downloader.DownloadAsync(_server.Url("/redirect?to=" + Uri.EscapeDataString(target.AbsoluteUri)), "x.png"));

        Assert.Equal(Flux2ErrorKind.DownloadRefused, ex.Kind);
        Assert.Empty(harness.AllFiles());
    }

    [Fact]
    public async Task Download_RedirectedToAFileUrl_IsRefused()
    {
        using var harness = new DownloadHarness();

        var ex = await Assert.ThrowsAsync<Flux2Exception>(
            () => harness.Downloader.DownloadAsync(_server.Url("/redirect?to=" + Uri.EscapeDataString("file:///etc/passwd")), "x.png"));

        Assert.Equal(Flux2ErrorKind.DownloadRefused, ex.Kind);
        Assert.Contains("'file:'", ex.Message, StringComparison.Ordinal);
        Assert.Empty(harness.AllFiles());
    }

    [Fact]
    public async Task Download_WithEndlessRedirects_StopsAtTheLimit()
    {
        using var harness = new DownloadHarness(o => o.Download.MaxRedirects = 3);
        var before = _server.Requests.Count;

        var ex = await Assert.ThrowsAsync<Flux2Exception>(() => harness.Downloader.DownloadAsync(_server.Url("/loop"), "x.png"));

        Assert.Equal(Flux2ErrorKind.DownloadRefused, ex.Kind);
        Assert.Contains("redirects", ex.Message, StringComparison.Ordinal);
        Assert.Equal(4, _server.Requests.Count - before);
    }

    [Fact]
    public async Task Download_OverTheCapByContentLength_IsRefusedBeforeTheBody()
    {
        // /slow announces 100000 bytes and then sends nothing for 30 s: only a refusal on the announced length is quick.
        using var harness = new DownloadHarness(o =>
        {
            o.Download.MaxBytes = 10_000;
            o.Download.Timeout = TimeSpan.FromSeconds(20);
        });

        var ex = await Assert.ThrowsAsync<Flux2Exception>(() => harness.Downloader.DownloadAsync(_server.Url("/slow"), "big.png"));

        Assert.Equal(Flux2ErrorKind.DownloadRefused, ex.Kind);
        Assert.Contains("10000 bytes", ex.Message, StringComparison.Ordinal);
        Assert.Contains("100000 bytes announced", ex.Message, StringComparison.Ordinal);
        Assert.Empty(harness.AllFiles());
    }

    [Fact]
    public async Task Download_OverTheCapWhileStreamingWithoutContentLength_IsRefusedAndLeavesNoFile()
    {
        using var harness = new DownloadHarness(o => o.Download.MaxBytes = 200_000);

        var ex = await Assert.ThrowsAsync<Flux2Exception>(
            () => harness.Downloader.DownloadAsync(_server.Url("/stream?bytes=1000000&announce=false"), "big.png"));

        Assert.Equal(Flux2ErrorKind.DownloadRefused, ex.Kind);
        Assert.Equal("url", ex.Parameter);
        Assert.Contains("200000 bytes", ex.Message, StringComparison.Ordinal);
        Assert.Empty(harness.AllFiles());
    }

    [Theory]
    [InlineData("/html", "text/html")]
    [InlineData("/json", "application/json")]
    public async Task Download_OfAnErrorPage_IsRefusedAsNotAnImage(string path, string declared)
    {
        using var harness = new DownloadHarness();

        var ex = await Assert.ThrowsAsync<Flux2Exception>(() => harness.Downloader.DownloadAsync(_server.Url(path), "x.png"));

        Assert.Equal(Flux2ErrorKind.DownloadRefused, ex.Kind);
        Assert.Contains("not a PNG, JPEG, WebP", ex.Message, StringComparison.Ordinal);
        Assert.Contains(declared, ex.Message, StringComparison.Ordinal);
        Assert.Empty(harness.AllFiles());
    }

    [Fact]
    public async Task Download_OntoAnExistingFile_IsRefusedBeforeDownloading()
    {
        using var harness = new DownloadHarness();
        Directory.CreateDirectory(harness.OutputDirectory);
        var existing = Path.Combine(harness.OutputDirectory, "keep.png");
        await File.WriteAllTextAsync(existing, "mine");
        var before = _server.Requests.Count;

        var ex = await Assert.ThrowsAsync<Flux2Exception>(() => harness.Downloader.DownloadAsync(_server.Url("/png"), "keep.png"));

        Assert.Equal(Flux2ErrorKind.DownloadRefused, ex.Kind);
        Assert.Equal("path", ex.Parameter);
        Assert.Contains("overwrite", ex.Message, StringComparison.Ordinal);
        Assert.Equal("mine", await File.ReadAllTextAsync(existing));
        Assert.Equal(before, _server.Requests.Count);
        Assert.Equal([Path.Combine("out", "keep.png")], harness.AllFiles());
    }

    [Fact]
    public async Task Download_WithOverwrite_ReplacesTheExistingFile()
    {
        using var harness = new DownloadHarness();
        Directory.CreateDirectory(harness.OutputDirectory);
        var existing = Path.Combine(harness.OutputDirectory, "keep.png");
        await File.WriteAllTextAsync(existing, "mine");

        var saved = await harness.Downloader.DownloadAsync(_server.Url("/png"), "keep.png", overwrite: true);

        Assert.Equal(existing, saved.Path);
        Assert.Equal(TestImages.Png, await File.ReadAllBytesAsync(existing));
        Assert.Equal([Path.Combine("out", "keep.png")], harness.AllFiles());
    }

    [Fact]
    public async Task Download_WithoutExtensionOntoAnExistingFile_IsRefused()
    {
        using var harness = new DownloadHarness();
        Directory.CreateDirectory(harness.OutputDirectory);
        await File.WriteAllTextAsync(Path.Combine(harness.OutputDirectory, "photo.jpg"), "mine");

        var ex = await Assert.ThrowsAsync<Flux2Exception>(() => harness.Downloader.DownloadAsync(_server.Url("/jpeg"), "photo"));

        Assert.Equal(Flux2ErrorKind.DownloadRefused, ex.Kind);
        Assert.Equal([Path.Combine("out", "photo.jpg")], harness.AllFiles());
    }

    [Theory]
    [InlineData("../x.png")]
    [InlineData("sub/../../x.png")]
    [InlineData("..\\x.png")]
    public async Task Download_ToATraversingPath_IsRefusedBeforeDownloading(string path)
    {
        using var harness = new DownloadHarness();
        var before = _server.Requests.Count;

        var ex = await Assert.ThrowsAsync<Flux2Exception>(() => harness.Downloader.DownloadAsync(_server.Url("/png"), path));

        Assert.Equal(Flux2ErrorKind.DownloadRefused, ex.Kind);
        Assert.Equal("path", ex.Parameter);
        Assert.Contains(harness.OutputDirectory, ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, _server.Requests.Count);
        Assert.Empty(harness.AllFiles());
    }

    [Fact]
    public async Task Download_ThroughASymlinkLeavingTheOutputDirectory_IsRefused()
    {
        using var harness = new DownloadHarness();
        Directory.CreateDirectory(harness.OutputDirectory);
        Directory.CreateSymbolicLink(Path.Combine(harness.OutputDirectory, "escape"), harness.Outside);

        var ex = await Assert.ThrowsAsync<Flux2Exception>(() => harness.Downloader.DownloadAsync(_server.Url("/png"), "escape/x.png"));

        Assert.Equal(Flux2ErrorKind.DownloadRefused, ex.Kind);
        Assert.Equal("path", ex.Parameter);
        Assert.Contains("symbolic link", ex.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(harness.Outside));
    }

    [Theory]
    [InlineData("/expired", 404)]
    [InlineData("/gone", 410)]
    [InlineData("/signature-expired", 403)]
    public async Task Download_OfAnExpiredResultUrl_ReportsResultExpired(string path, int status)
    {
        using var harness = new DownloadHarness();

        var ex = await Assert.ThrowsAsync<Flux2Exception>(() => harness.Downloader.DownloadAsync(_server.Url(path), "x.png"));

        Assert.Equal(Flux2ErrorKind.ResultExpired, ex.Kind);
        Assert.Equal(status, ex.StatusCode);
        Assert.Contains("BFL about 10 minutes", ex.Message, StringComparison.Ordinal);
        Assert.Contains("flux2://images/", ex.Message, StringComparison.Ordinal);
        Assert.Empty(harness.AllFiles());
    }

    [Fact]
    public async Task Download_Forbidden403WithASignatureExpiry_IsResultExpiredOnlyOnceTheClockHasPassedIt()
    {
        // The clock says 2030-01-01 00:00 UTC; the URL's signature expires five minutes later.
        var time = new TimerWatchingTimeProvider();
        using var harness = new DownloadHarness(time: time);
        Uri signed = _server.Url("/forbidden?se=2030-01-01T00%3A05%3A00Z&sig=secret");

        var before = await Assert.ThrowsAsync<Flux2Exception>(() => harness.Downloader.DownloadAsync(signed, "x.png"));
        time.Advance(TimeSpan.FromMinutes(5));
        var after = await Assert.ThrowsAsync<Flux2Exception>(() => harness.Downloader.DownloadAsync(signed, "x.png"));

        Assert.Equal(Flux2ErrorKind.PermissionDenied, before.Kind);
        Assert.Equal(Flux2ErrorKind.ResultExpired, after.Kind);
        Assert.DoesNotContain("secret", before.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", after.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Download_Forbidden403WithoutExpiry_ReportsPermissionDeniedWithoutTheQuery()
    {
        using var harness = new DownloadHarness();

        var ex = await Assert.ThrowsAsync<Flux2Exception>(
            () => harness.Downloader.DownloadAsync(_server.Url("/forbidden?sig=secret-signature"), "x.png"));

        Assert.Equal(Flux2ErrorKind.PermissionDenied, ex.Kind);
        Assert.Equal(403, ex.StatusCode);
        Assert.DoesNotContain("secret-signature", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Download_SlowerThanTheTimeout_ReportsTimeoutAndLeavesNoFile()
    {
        using var harness = new DownloadHarness(o => o.Download.Timeout = TimeSpan.FromMilliseconds(500));

        var ex = await Assert.ThrowsAsync<Flux2Exception>(() => harness.Downloader.DownloadAsync(_server.Url("/slow"), "x.png"));

        Assert.Equal(Flux2ErrorKind.Timeout, ex.Kind);
        Assert.Contains("Download:Timeout", ex.Message, StringComparison.Ordinal);
        Assert.Empty(harness.AllFiles());
    }

    [Fact]
    public async Task Download_Cancelled_ThrowsOperationCanceledAndLeavesNoFile()
    {
        using var harness = new DownloadHarness();
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => harness.Downloader.DownloadAsync(_server.Url("/slow"), "x.png", cancellationToken: cancellation.Token));

        Assert.Empty(harness.AllFiles());
    }

    [Fact]
    public async Task Download_WhenTheConnectionDrops_ReportsNetworkAndLeavesNoFile()
    {
        using var harness = new DownloadHarness();

        var ex = await Assert.ThrowsAsync<Flux2Exception>(() => harness.Downloader.DownloadAsync(_server.Url("/drop"), "x.png"));

        Assert.Equal(Flux2ErrorKind.Network, ex.Kind);
        Assert.Empty(harness.AllFiles());
    }

    [Fact]
    public async Task Download_WhenNothingListens_ReportsNetwork()
    {
        using var harness = new DownloadHarness();
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var ex = await Assert.ThrowsAsync<Flux2Exception>(
            () => harness.Downloader.DownloadAsync(new Uri($"http://127.0.0.1:{port}/x.png"), "x.png"));

        Assert.Equal(Flux2ErrorKind.Network, ex.Kind);
        Assert.Empty(harness.AllFiles());
    }

    [Fact]
    public async Task Download_OfADataUri_DecodesAndSavesIt()
    {
        using var harness = new DownloadHarness();
        var uri = new Uri("data:image/png;base64," + Convert.ToBase64String(TestImages.Png));

        var saved = await harness.Downloader.DownloadAsync(uri, "inline");

        Assert.Equal(Path.Combine(harness.OutputDirectory, "inline.png"), saved.Path);
        Assert.Equal(TestImages.Png, await File.ReadAllBytesAsync(saved.Path));
        Assert.Equal(TestImages.Width, saved.Width);
    }
}
