using System.Security.Cryptography;

namespace Flux2.Client.Tests.Downloads;

public sealed class Flux2DownloaderSaveTests
{
    [Fact]
    public async Task Save_OfImageBytes_WritesThemWithHashAndDimensions()
    {
        using var harness = new DownloadHarness();

        var saved = await harness.Downloader.SaveAsync(TestImages.WebpLossless, "a/b/c.webp");

        Assert.Equal(Path.Combine(harness.OutputDirectory, "a", "b", "c.webp"), saved.Path);
        Assert.Equal(TestImages.WebpLossless, await File.ReadAllBytesAsync(saved.Path));
        Assert.Equal("image/webp", saved.ContentType);
        Assert.Equal((TestImages.Width, TestImages.Height), (saved.Width, saved.Height));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(TestImages.WebpLossless)), saved.Sha256);
        Assert.Null(saved.Source);
        Assert.Equal([Path.Combine("out", "a", "b", "c.webp")], harness.AllFiles());
    }

    [Fact]
    public async Task Save_OfASliceOfALargerArray_SavesOnlyTheSlice()
    {
        using var harness = new DownloadHarness();
        var padded = new byte[TestImages.Png.Length + 20];
        TestImages.Png.CopyTo(padded, 10);

        var saved = await harness.Downloader.SaveAsync(padded.AsMemory(10, TestImages.Png.Length), "slice");

        Assert.Equal(TestImages.Png, await File.ReadAllBytesAsync(saved.Path));
        Assert.EndsWith("slice.png", saved.Path, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Save_OfNonImageBytes_IsRefusedAndLeavesNoFile()
    {
        using var harness = new DownloadHarness();

        var ex = await Assert.ThrowsAsync<Flux2Exception>(() => harness.Downloader.SaveAsync("<html>oops</html>"u8.ToArray(), "x.png"));

        Assert.Equal(Flux2ErrorKind.DownloadRefused, ex.Kind);
        Assert.Empty(harness.AllFiles());
    }

    [Fact]
    public async Task Save_OverTheCap_IsRefused()
    {
        using var harness = new DownloadHarness(o => o.Download.MaxBytes = 50);

        var ex = await Assert.ThrowsAsync<Flux2Exception>(() => harness.Downloader.SaveAsync(TestImages.Png, "x.png"));

        Assert.Equal(Flux2ErrorKind.DownloadRefused, ex.Kind);
        Assert.Contains("MaxBytes", ex.Message, StringComparison.Ordinal);
        Assert.Empty(harness.AllFiles());
    }

    [Fact]
    public async Task Save_OntoAnExistingFile_IsRefusedUnlessOverwriteIsAsked()
    {
        using var harness = new DownloadHarness();
        await harness.Downloader.SaveAsync(TestImages.Png, "x.png");

        var other = TestImages.PngHeader(8, 8, padding: 16);
        var ex = await Assert.ThrowsAsync<Flux2Exception>(() => harness.Downloader.SaveAsync(other, "x.png"));
        Assert.Equal(Flux2ErrorKind.DownloadRefused, ex.Kind);
        Assert.Equal("path", ex.Parameter);
        Assert.Equal(TestImages.Png, await File.ReadAllBytesAsync(Path.Combine(harness.OutputDirectory, "x.png")));

        var replaced = await harness.Downloader.SaveAsync(other, "x.png", overwrite: true);
        Assert.Equal(other, await File.ReadAllBytesAsync(replaced.Path));
        Assert.Equal("image/png", replaced.ContentType);
        Assert.Equal([Path.Combine("out", "x.png")], harness.AllFiles());
    }

    [Fact]
    public async Task Save_UnderAnotherFormatsExtension_SavesUnderTheBytesOwnExtension()
    {
        using var harness = new DownloadHarness();

        var saved = await harness.Downloader.SaveAsync(TestImages.Jpeg, "x.png");

        Assert.Equal(Path.Combine(harness.OutputDirectory, "x.jpg"), saved.Path);
        Assert.Equal(TestImages.Jpeg, await File.ReadAllBytesAsync(saved.Path));
        Assert.Equal([Path.Combine("out", "x.jpg")], harness.AllFiles());
    }

    [Fact]
    public async Task Save_ToAnAbsolutePathInsideTheOutputDirectory_IsAllowed()
    {
        using var harness = new DownloadHarness();
        var path = Path.Combine(harness.OutputDirectory, "deep", "x.gif");

        var saved = await harness.Downloader.SaveAsync(TestImages.Gif(3, 2), path);

        Assert.Equal(path, saved.Path);
        Assert.Equal("image/gif", saved.ContentType);
        Assert.Equal((3, 2), (saved.Width, saved.Height));
    }

    [Fact]
    public async Task Save_ToAnAbsolutePathOutsideTheOutputDirectory_IsRefused()
    {
        using var harness = new DownloadHarness();

        var ex = await Assert.ThrowsAsync<Flux2Exception>(() => harness.Downloader.SaveAsync(TestImages.Png, Path.Combine(harness.Outside, "x.png")));

        Assert.Equal(Flux2ErrorKind.DownloadRefused, ex.Kind);
        Assert.Equal("path", ex.Parameter);
        Assert.Contains("must stay inside the output directory", ex.Message, StringComparison.Ordinal);
        Assert.Empty(harness.AllFiles());
    }

    [Fact]
    public async Task Save_ThroughASymlinkedFileNamePointingOutside_IsRefused()
    {
        using var harness = new DownloadHarness();
        Directory.CreateDirectory(harness.OutputDirectory);
        var victim = Path.Combine(harness.Outside, "victim.png");
        await File.WriteAllTextAsync(victim, "precious");
        File.CreateSymbolicLink(Path.Combine(harness.OutputDirectory, "link.png"), victim);

        var ex = await Assert.ThrowsAsync<Flux2Exception>(() => harness.Downloader.SaveAsync(TestImages.Png, "link.png", overwrite: true));

        Assert.Equal(Flux2ErrorKind.DownloadRefused, ex.Kind);
        Assert.Equal("precious", await File.ReadAllTextAsync(victim));
    }

    [Fact]
    public async Task Save_ThroughASymlinkStayingInside_IsAllowed()
    {
        using var harness = new DownloadHarness();
        var real = Path.Combine(harness.OutputDirectory, "real");
        Directory.CreateDirectory(real);
        Directory.CreateSymbolicLink(Path.Combine(harness.OutputDirectory, "alias"), real);

        var saved = await harness.Downloader.SaveAsync(TestImages.Png, "alias/x.png");

        Assert.True(File.Exists(Path.Combine(real, "x.png")));
        Assert.Equal(Path.Combine(harness.OutputDirectory, "alias", "x.png"), saved.Path);
    }

    [Fact]
    public async Task Save_WhenTheOutputDirectoryIsItselfASymlink_Works()
    {
        using var harness = new DownloadHarness();
        var linked = Path.Combine(harness.Root, "linked-out");
        Directory.CreateDirectory(harness.OutputDirectory);
        Directory.CreateSymbolicLink(linked, harness.OutputDirectory);
        var viaLink = harness.CreateDownloader(o => o.OutputDirectory = linked);

        var saved = await viaLink.SaveAsync(TestImages.Png, "x.png");

        Assert.Equal(Path.Combine(linked, "x.png"), saved.Path);
        Assert.True(File.Exists(Path.Combine(harness.OutputDirectory, "x.png")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("../x.png")]
    [InlineData("a/../../x.png")]
    [InlineData("./x.png")]
    [InlineData("sub/")]
    [InlineData("a//x.png")]
    [InlineData("CON.png")]
    [InlineData("sub/nul")]
    [InlineData("lpt1.txt")]
    [InlineData("what?.png")]
    [InlineData("a<b>.png")]
    [InlineData("x.png.")]
    [InlineData("C:x.png")]
    [InlineData("C:\\Windows\\x.png")]
    [InlineData("\\\\server\\share\\x.png")]
    [InlineData("/etc/x.png")]
    [InlineData("tab\there.png")]
    public void ResolvePath_OfAPathThatCouldLeaveOrIsInvalid_IsRefusedNamingTheOutputDirectory(string path)
    {
        using var harness = new DownloadHarness();

        var ex = Assert.Throws<Flux2Exception>(() => harness.Downloader.ResolvePath(path));

        Assert.Equal(Flux2ErrorKind.DownloadRefused, ex.Kind);
        Assert.Equal("path", ex.Parameter);
        Assert.Contains($"Paths must stay inside the output directory '{harness.OutputDirectory}'", ex.Message, StringComparison.Ordinal);
        Assert.Empty(harness.AllFiles());
    }

    [Theory]
    [InlineData("x.png", "x.png")]
    [InlineData("sub/x.png", "sub/x.png")]
    [InlineData("sub\\x.png", "sub/x.png")]
    [InlineData("a.b.c", "a.b.c")]
    [InlineData("console.png", "console.png")]
    public void ResolvePath_OfARelativePath_ResolvesUnderTheOutputDirectoryAndCreatesIt(string path, string expected)
    {
        using var harness = new DownloadHarness();

        var resolved = harness.Downloader.ResolvePath(path);

        Assert.Equal(Path.Combine([harness.OutputDirectory, .. expected.Split('/')]), resolved);
        Assert.True(Directory.Exists(Path.GetDirectoryName(resolved)));
    }
}
