using Flux2.Client;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Flux2.Agents.Tests.Images;

/// <summary>
/// The output folder's retention (Flux2:Tools:OutputMaxAge, :OutputMaxMegabytes): what a sweep removes and keeps, when sweeps run
/// (on the fake clock's timer, and as soon as tracked saves pass the size), and that the tool core keeps its folder within it.
/// </summary>
public sealed class Flux2OutputRetentionTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _root = new("retention");
    private readonly FakeTimeProvider _time = new(Now);

    private string Output => _root.Combine("out");

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task Sweep_RemovesImagesOlderThanMaxAge_OnlyImages_NeverTempFilesOrTheCache_AndCountsThem()
    {
        string old = Write("old.png", 1000, Now.AddHours(-3));
        string older = Write("sub/older.jpg", 2000, Now.AddHours(-5));
        string recent = Write("recent.webp", 3000, Now.AddMinutes(-10));
        string notes = Write("notes.txt", 100, Now.AddDays(-30));
        string writing = Write(".flux2-x.png.0a1b2c3d4e5f.tmp", 500, Now.AddDays(-30));
        string cached = Write("cache/0123456789abcdef.png", 700, Now.AddDays(-30));
        using var retention = Create(maxAge: TimeSpan.FromHours(1), maxMegabytes: null, cache: Path.Combine(Output, "cache"));

        await retention.SweepAsync();

        Assert.False(File.Exists(old));
        Assert.False(File.Exists(older));
        Assert.True(File.Exists(recent));
        Assert.True(File.Exists(notes), "only image files are the server's to remove");
        Assert.True(File.Exists(writing), "a temp file being written is never removed");
        Assert.True(File.Exists(cached), "the image cache folder has its own limit");
        Assert.Equal(2, retention.FilesRemoved);
        Assert.Equal(3000, retention.BytesRemoved);
        Assert.Equal(3000, retention.Bytes);
    }

    [Fact]
    public async Task TrackedSaves_PastTheSize_RemoveTheOldestDownToNinetyPercent_WithoutWaitingForTheClock()
    {
        const int Size = 256_000;
        string[] files = [.. Enumerable.Range(1, 4).Select(i => Write($"{i}.png", Size, Now.AddMinutes(-60 + (10 * i))))];
        using var retention = Create(maxAge: null, maxMegabytes: 1);
        await retention.SweepAsync();
        Assert.Equal(0, retention.FilesRemoved); // 1,024,000 bytes: within 1 MB (1,048,576)

        string fifth = Write("5.png", Size, Now);
        retention.Track(Saved(fifth)); // 1,280,000: over
        await Eventually.WaitUntilAsync(() => retention.FilesRemoved == 2, "the sweep a tracked save started removed the two oldest");

        // Removing the oldest alone would do (1,024,000), but a sweep goes down to 90% of 1 MB (943,718), so the next is many saves away.
        Assert.False(File.Exists(files[0]));
        Assert.False(File.Exists(files[1]));
        Assert.True(File.Exists(files[2]));
        Assert.True(File.Exists(files[3]));
        Assert.True(File.Exists(fifth));
        Assert.Equal(2L * Size, retention.BytesRemoved);
        Assert.Equal(Now, _time.GetUtcNow()); // the clock never moved
    }

    [Fact]
    public async Task Timer_SweepsAgedFiles_AsTheClockMoves()
    {
        using var retention = Create(maxAge: TimeSpan.FromHours(1), maxMegabytes: null);
        await retention.SweepAsync();
        string image = Write("made-now.png", 1000, Now);

        _time.Advance(TimeSpan.FromMinutes(59));
        await retention.SweepAsync();
        Assert.True(File.Exists(image), "59 minutes old is within an hour");

        // The timer runs every tenth of the age (6 min): the next tick after the hour removes it, with no call from outside.
        long sweeps = retention.Sweeps;
        _time.Advance(TimeSpan.FromMinutes(6));
        await Eventually.WaitUntilAsync(() => retention.Sweeps > sweeps && retention.FilesRemoved == 1, "the timer's sweep removed the hour-old image");
        Assert.False(File.Exists(image));
    }

    [Fact]
    public async Task Unset_TheDefault_RemovesNothing_AndSetsNoTimer()
    {
        var time = new TimerWatchingTimeProvider();
        string ancient = Write("ancient.png", 1000, time.GetUtcNow().AddYears(-5));
        using var retention = new Flux2OutputRetention(
            Options.Create(new Flux2ToolsOptions()), Options.Create(new Flux2ClientOptions { OutputDirectory = Output }), time);

        retention.Track(Saved(ancient));
        await retention.SweepAsync();

        Assert.False(retention.Enabled);
        Assert.Equal(0, time.ArmedTimers);
        Assert.True(File.Exists(ancient));
        Assert.Equal(0, retention.FilesRemoved);
    }

    [Theory]
    [InlineData("-00:01:00", null, "Flux2:Tools:OutputMaxAge")]
    [InlineData(null, 0, "Flux2:Tools:OutputMaxMegabytes")]
    public void ALimitOfZeroOrLess_IsRefused_NamingTheSettingAndWhatIsAllowed(string? age, int? megabytes, string setting)
    {
        var error = Assert.Throws<Flux2Exception>(() => Create(age is null ? null : TimeSpan.Parse(age, System.Globalization.CultureInfo.InvariantCulture), megabytes));

        Assert.Equal(Flux2ErrorKind.InvalidArgument, error.Kind);
        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
        Assert.Contains("allowed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GenerateImage_WithOutputMaxMegabytes_KeepsTheOutputFolderWithinIt()
    {
        using var harness = new ToolHarness(new Dictionary<string, string?> { ["Flux2:Tools:OutputMaxMegabytes"] = "1" });
        harness.Client.Respond = request => new Flux2ImageResult
        {
            Images = [new Flux2Image { Data = TestImages.Noise(256, 256, seed: (int)(request.Seed ?? 1)), ContentType = "image/png", Width = 256, Height = 256 }],
            Provider = "fal",
            Model = Flux2Models.Pro,
            Seed = request.Seed,
        };

        long written = 0;
        for (int i = 1; i <= 12; i++)
        {
            var output = await harness.Tools.GenerateImageAsync(new Flux2GenerateImageInput { Prompt = "noise", Seed = i });
            Assert.NotNull(output.Images[0].Path); // each is saved; the oldest make room
            written += output.Images[0].Bytes ?? 0;
        }

        // The retention sweeps while this adds up: a file listed a moment ago may be gone (it then counts nothing).
        long Size() => new DirectoryInfo(harness.OutputDirectory).EnumerateFiles().Sum(f =>
        {
            f.Refresh();
            return f.Exists ? f.Length : 0;
        });
        Assert.True(written > 1024 * 1024, $"the test wrote {written} bytes, more than the limit");
        await Eventually.WaitUntilAsync(() => Size() <= 1024 * 1024, "the output folder is back within 1 MB");
        var files = Directory.GetFiles(harness.OutputDirectory);
        Assert.InRange(files.Length, 1, 11);
    }

    private Flux2OutputRetention Create(TimeSpan? maxAge, int? maxMegabytes, string? cache = null) => new(
        Options.Create(new Flux2ToolsOptions { OutputMaxAge = maxAge, OutputMaxMegabytes = maxMegabytes, CacheDirectory = cache }),
        Options.Create(new Flux2ClientOptions { OutputDirectory = Output }),
        _time);

    private string Write(string name, int bytes, DateTimeOffset written)
    {
        string path = Path.Combine(Output, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, new byte[bytes]);
        File.SetLastWriteTimeUtc(path, written.UtcDateTime);
        return path;
    }

    private static Flux2SavedFile Saved(string path) => new()
    {
        Path = path,
        Bytes = new FileInfo(path).Length,
        ContentType = "image/png",
        Sha256 = new string('0', 64),
    };
}
