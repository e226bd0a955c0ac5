namespace Flux2.Client.Tests.Downloads;

/// <summary>Issue 17, item 6: local files the tools read go through the one path guard, symbolic links resolved.</summary>
public sealed class Flux2LocalFilesTests : IDisposable
{
    private readonly TempDirectory _root = new("read");

    public Flux2LocalFilesTests()
    {
        Directory.CreateDirectory(Allowed);
        Directory.CreateDirectory(Other);
        Directory.CreateDirectory(Outside);
        File.WriteAllBytes(Path.Combine(Outside, "secret.png"), TestImages.Png);
        File.WriteAllBytes(Path.Combine(Allowed, "fox.png"), TestImages.Png);
    }

    private string Allowed => _root.Combine("out");

    private string Other => _root.Combine("refs");

    private string Outside => _root.Combine("outside");

    public void Dispose()
    {
        _root.Dispose();
    }

    private string Resolve(string path) =>
        Flux2LocalFiles.ResolveForReading(path, [Allowed, Other], Allowed, "reference_images", "reference_images[0]");

    [Fact]
    public void AFileInsideAnAllowedFolder_ResolvesToItself_ByRelativeOrAbsolutePath()
    {
        File.WriteAllBytes(Path.Combine(Other, "cat.png"), TestImages.Png);

        Assert.Equal(Path.Combine(Allowed, "fox.png"), Resolve("fox.png"));
        Assert.Equal(Path.Combine(Other, "cat.png"), Resolve(Path.Combine(Other, "cat.png")));
    }

    [Fact]
    public void ALinkInsideTheOutputFolder_ToAFileOutside_IsRefused_WithoutSayingWhereItPoints()
    {
        File.CreateSymbolicLink(Path.Combine(Allowed, "innocent.png"), Path.Combine(Outside, "secret.png"));

        var ex = Assert.Throws<Flux2Exception>(() => Resolve("innocent.png"));

        Assert.Equal(Flux2ErrorKind.DownloadRefused, ex.Kind);
        Assert.Equal("reference_images", ex.Parameter);
        Assert.Contains("reference_images[0] 'innocent.png' is a symbolic link", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Flux2:Tools:AllowedRoots", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("outside" + Path.DirectorySeparatorChar + "secret", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFileInsideALinkedDirectoryThatPointsOutside_IsRefused()
    {
        Directory.CreateSymbolicLink(Path.Combine(Allowed, "photos"), Outside);

        var ex = Assert.Throws<Flux2Exception>(() => Resolve("photos/secret.png"));

        Assert.Equal(Flux2ErrorKind.DownloadRefused, ex.Kind);
        Assert.Contains("symbolic link", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AChainOfLinks_EndingOutside_IsRefused()
    {
        File.CreateSymbolicLink(Path.Combine(Other, "hop.png"), Path.Combine(Outside, "secret.png"));
        File.CreateSymbolicLink(Path.Combine(Allowed, "first.png"), Path.Combine(Other, "hop.png"));

        Assert.Throws<Flux2Exception>(() => Resolve("first.png"));
    }

    [Theory]
    [InlineData("../outside/secret.png")]
    [InlineData("sub/../../outside/secret.png")]
    [InlineData("/etc/passwd")]
    public void DotDotAndAbsoluteEscapes_AreRefused(string path)
    {
        var ex = Assert.Throws<Flux2Exception>(() => Resolve(path));

        Assert.Equal(Flux2ErrorKind.DownloadRefused, ex.Kind);
        Assert.Contains("is outside the folders local files may be read from", ex.Message, StringComparison.Ordinal);
        Assert.Contains(Allowed, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ALinkThatPointsInside_IsAllowed_AndResolvesToTheRealFile()
    {
        File.CreateSymbolicLink(Path.Combine(Allowed, "alias.png"), Path.Combine(Other, "..", "out", "fox.png"));
        Directory.CreateSymbolicLink(Path.Combine(Other, "linked-out"), Allowed);

        Assert.Equal(Path.Combine(Allowed, "fox.png"), Resolve("alias.png"));
        Assert.Equal(Path.Combine(Allowed, "fox.png"), Resolve(Path.Combine(Other, "linked-out", "fox.png")));
    }

    [Fact]
    public void AnAllowedFolderThatIsItselfALink_StillAllowsItsFiles()
    {
        string linkedRoot = _root.Combine("via-link");
        Directory.CreateSymbolicLink(linkedRoot, Allowed);

        string resolved = Flux2LocalFiles.ResolveForReading("fox.png", [linkedRoot], linkedRoot, "reference");

        Assert.Equal(Path.Combine(Allowed, "fox.png"), resolved);
    }
}
