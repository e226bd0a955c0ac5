using Microsoft.Extensions.Options;

namespace Flux2.Agents.Tests;

public sealed class Flux2ImageStoreTests : IDisposable
{
    private readonly TempDirectory _root = new("store");

    private string CacheDirectory => _root.Combine("cache");

    public void Dispose() => _root.Dispose();

    [Fact]
    public void Add_BeyondTheMemoryLimit_EvictsTheLeastRecentlyUsedButKeepsItOnDisk()
    {
        var store = Create(memoryMb: 1, diskMb: 64);
        var first = store.Add(new byte[600_000], "image/png");
        var second = store.Add(new byte[600_000], "image/png");

        Assert.Equal(600_000, store.MemoryBytes);
        Assert.True(store.TryGet(first.Id, out var again));
        Assert.Equal(600_000, again.Data.Length);
        Assert.True(store.TryGet(second.Uri, out _));
    }

    [Fact]
    public void Add_BeyondTheDiskLimit_RemovesTheOldestFiles()
    {
        var store = Create(memoryMb: 0, diskMb: 1);
        var old = store.Add(new byte[700_000], "image/png");
        File.SetLastWriteTimeUtc(Path.Combine(CacheDirectory, old.Id + ".png"), DateTime.UtcNow.AddHours(-1));
        var recent = store.Add(new byte[700_000], "image/jpeg");

        Assert.False(store.TryGet(old.Id, out _));
        Assert.True(store.TryGet(recent.Id, out var kept));
        Assert.Equal("image/jpeg", kept.ContentType);
    }

    [Fact]
    public void TryGet_FromANewStoreOverTheSameFolder_FindsEarlierImages()
    {
        byte[] png = TestImages.Noise(20, 10);
        var id = Create(memoryMb: 8, diskMb: 8).Add(png, "image/png").Id;

        Assert.True(Create(memoryMb: 8, diskMb: 8).TryGet("flux2://images/" + id, out var image));
        Assert.Equal(png, image.Data.ToArray());
        Assert.Equal((20, 10), (image.Width, image.Height));
    }

    [Theory]
    [InlineData("")]
    [InlineData("../../etc/passwd")]
    [InlineData("flux2://images/short")]
    [InlineData("0123456789abcdef")]
    public void TryGet_UnknownOrMalformedId_IsFalse(string id)
    {
        Assert.False(Create(memoryMb: 8, diskMb: 8).TryGet(id, out _));
    }

    private Flux2ImageStore Create(int memoryMb, int diskMb) => new(Options.Create(new Flux2ToolsOptions
    {
        MemoryCacheMegabytes = memoryMb,
        DiskCacheMegabytes = diskMb,
        CacheDirectory = CacheDirectory,
    }));
}
