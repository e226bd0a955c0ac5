namespace Flux2.Client.Tests.Downloads;

[CollectionDefinition(nameof(MemoryMeasurement), DisableParallelization = true)]
public sealed class MemoryMeasurement;

[Collection(nameof(MemoryMeasurement))]
public sealed class Flux2DownloaderMemoryTests
{
    private const long FiftyMegabytes = 50L * 1024 * 1024;

    [Fact]
    public async Task Download_OfA50MegabyteStreamedBody_SavesItAllocatingFarLessThanItsSize()
    {
        await using var server = await DownloadTestServer.StartAsync();
        using var harness = new DownloadHarness();
        var url = server.Url($"/stream?bytes={FiftyMegabytes}&announce=false");
        await harness.Downloader.DownloadAsync(server.Url("/png"), "warm-up.png");

        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var saved = await harness.Downloader.DownloadAsync(url, "big.png");
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;

        Assert.Equal(FiftyMegabytes + TestImages.PngHeader(1, 1).Length, saved.Bytes);
        Assert.Equal(saved.Bytes, new FileInfo(saved.Path).Length);
        Assert.Equal((TestImages.Width, TestImages.Height), (saved.Width, saved.Height));
        Assert.Equal([Path.Combine("out", "big.png"), Path.Combine("out", "warm-up.png")], harness.AllFiles());

        // Loose bound: the whole process (client and test server) allocates far less than the body it moved.
        Assert.True(allocated < 32L * 1024 * 1024, $"allocated {allocated / (1024 * 1024)} MiB while downloading 50 MiB");
    }
}
