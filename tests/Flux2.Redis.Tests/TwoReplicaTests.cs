using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using Flux2.Simulator;

namespace Flux2.Redis.Tests;

/// <summary>Two MCP server replicas sharing one Redis and one provider (the simulator), as behind a load balancer.</summary>
[Collection(SharedRedis.Name)]
[Trait("Category", "Slow")]
[Trait("Needs", "redis")]
[Trait("Needs", "process")]
public sealed class TwoReplicaTests(RedisServerFixture redis) : IAsyncLifetime
{
    private readonly string _prefix = "t" + Guid.NewGuid().ToString("N")[..8] + ":";
    private readonly List<Replica> _replicas = [];
    private SimulatorServer _simulator = null!;

    public async Task InitializeAsync() => _simulator = await SimulatorServer.StartAsync(new SimulatorOptions { Latency = TimeSpan.FromMilliseconds(50) });

    [Fact]
    public async Task AnImageMadeOnA_IsReadAndDownloadedOnB()
    {
        var a = await StartAsync();
        var b = await StartAsync();

        var generated = await a.GenerateAsync("a lighthouse on a cliff");
        Assert.NotEqual(true, generated.IsError);
        var image = generated.StructuredContent!.Value.GetProperty("images")[0];
        string uri = image.GetProperty("uri").GetString()!;
        byte[] made = await File.ReadAllBytesAsync(image.GetProperty("path").GetString()!);

        var read = await b.Client.ReadResourceAsync(uri);
        var blob = Assert.IsType<BlobResourceContents>(Assert.Single(read.Contents));
        Assert.Equal("image/png", blob.MimeType);
        Assert.Equal(made, blob.DecodedData.ToArray());

        var downloaded = await b.Client.CallToolAsync("download_image", new Dictionary<string, object?> { ["url"] = uri, ["path"] = "from-a.png" });
        Assert.NotEqual(true, downloaded.IsError);
        var saved = downloaded.StructuredContent!.Value;
        string path = saved.GetProperty("path").GetString()!;
        Assert.StartsWith(b.OutputDirectory, path);
        Assert.Equal(made, await File.ReadAllBytesAsync(path));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(made)), saved.GetProperty("sha256").GetString());
    }

    [Fact]
    public async Task AnImageOverTheSizeCap_IsStillReturnedAndSaved_WithoutAnIdAndWithAWarning()
    {
        var a = await StartAsync(new() { ["Flux2:Store:MaxImageBytes"] = "100" });

        var generated = await a.GenerateAsync("a lighthouse on a cliff");

        Assert.NotEqual(true, generated.IsError);
        var output = generated.StructuredContent!.Value;
        var image = output.GetProperty("images")[0];
        Assert.False(image.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String);
        Assert.True(File.Exists(image.GetProperty("path").GetString()));
        Assert.Contains(output.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("Flux2:Store:MaxImageBytes", StringComparison.Ordinal));
        Assert.Empty(redis.Keys(_prefix + "images:"));
    }

    [Fact]
    public async Task TheProviderLimit_HoldsAcrossReplicas_UnderLoad()
    {
        const int limit = 2;
        _simulator.Options.Latency = TimeSpan.FromMilliseconds(250);
        _simulator.Options.ConcurrencyLimit = limit; // beyond it the provider answers 429, and with no retries that is an error
        var settings = new Dictionary<string, string> { ["Flux2:Providers:fal:MaxConcurrency"] = limit.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        var a = await StartAsync(settings);
        var b = await StartAsync(settings);

        var calls = Enumerable.Range(0, 6).SelectMany(i => new[] { a.GenerateAsync($"a fox {i}"), b.GenerateAsync($"a hare {i}") }).ToList();
        var results = await Task.WhenAll(calls);

        Assert.All(results, r => Assert.True(r.IsError != true, r.Content.OfType<TextContentBlock>().FirstOrDefault()?.Text));
        Assert.Equal(12, _simulator.Jobs.Count);
        Assert.Equal(limit, PeakConcurrency(_simulator.Jobs));
        Assert.Empty(await redis.Database.SortedSetRangeByRankAsync(_prefix + "limits:fal:slots"));
    }

    [Fact]
    public async Task ARateLimitOnA_PausesB_ForTheRetryAfter()
    {
        var a = await StartAsync();
        var b = await StartAsync();
        _simulator.Faults.Add("fal-queue", "submit", SimulatorFaultKind.RateLimited, times: 1, retryAfter: TimeSpan.FromSeconds(2));

        var limited = await a.GenerateAsync("a busy provider");
        var clock = Stopwatch.StartNew();
        var progress = new RecordingProgress<ProgressNotificationValue>();
        var served = await b.GenerateAsync("a patient caller", progress);
        TimeSpan waited = clock.Elapsed;

        Assert.True(limited.IsError);
        Assert.Contains("rate", limited.Content.OfType<TextContentBlock>().Single().Text, StringComparison.OrdinalIgnoreCase);
        Assert.NotEqual(true, served.IsError);
        Assert.True(waited >= TimeSpan.FromSeconds(1.5), $"B went ahead after {waited.TotalSeconds:0.00} s instead of waiting out A's Retry-After of 2 s.");
        Assert.Contains(progress.Reports, p => (p.Message ?? "").Contains("asked every caller to wait", StringComparison.Ordinal));
        Assert.Single(_simulator.Jobs);
    }

    [Fact]
    public async Task AReplicaKilledMidJob_LeaksNoSlot_ItsLeaseExpires()
    {
        var settings = new Dictionary<string, string>
        {
            ["Flux2:Providers:fal:MaxConcurrency"] = "1",
            ["Flux2:Store:SlotLease"] = "00:00:03",
        };
        _simulator.Options.Latency = TimeSpan.FromSeconds(30);
        var a = await StartProcessAsync(settings);
        var b = await StartAsync(settings);
        string slots = _prefix + "limits:fal:slots";

        var doomed = a.GenerateAsync("a job that never finishes");
        await Eventually.WaitUntilAsync(() => _simulator.Jobs.Count == 1, "the doomed job reached the provider");
        Assert.Equal(1, await redis.Database.SortedSetLengthAsync(slots));
        _simulator.Options.Latency = TimeSpan.FromMilliseconds(50);
        a.Kill();
        var killed = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<Exception>(() => doomed);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var served = await b.GenerateAsync("the next job", cancellationToken: timeout.Token);
        TimeSpan waited = killed.Elapsed;

        Assert.NotEqual(true, served.IsError);
        // The slot came free only when the dead replica's lease ran out: 3 s after its last renewal, at most 1 s before the kill.
        Assert.True(waited >= TimeSpan.FromSeconds(1.5), $"B got the only slot {waited.TotalSeconds:0.00} s after A died, before A's lease expired.");
        Assert.Equal(2, _simulator.Jobs.Count);
        Assert.Equal(0, await redis.Database.SortedSetLengthAsync(slots));
    }

    public async Task DisposeAsync()
    {
        foreach (var replica in _replicas)
        {
            await replica.DisposeAsync();
        }

        await _simulator.DisposeAsync();
    }

    /// <summary>The most jobs the provider had in flight at once (from submission to completion).</summary>
    internal static int PeakConcurrency(IEnumerable<SimulatorJob> jobs)
    {
        var events = jobs.SelectMany(j => new[] { (At: j.SubmittedTimestamp, Delta: 1), (At: j.CompletedTimestamp == 0 ? long.MaxValue : j.CompletedTimestamp, Delta: -1) })
            .OrderBy(e => e.At).ThenBy(e => e.Delta);
        int now = 0, peak = 0;
        foreach (var (_, delta) in events)
        {
            now += delta;
            peak = Math.Max(peak, now);
        }

        return peak;
    }

    private async Task<Replica> StartAsync(Dictionary<string, string>? settings = null)
    {
        var replica = await Replica.StartAsync(_simulator, redis, _prefix, settings);
        _replicas.Add(replica);
        return replica;
    }

    private async Task<Replica> StartProcessAsync(Dictionary<string, string>? settings = null)
    {
        var replica = await Replica.StartProcessAsync(_simulator, redis, _prefix, settings);
        _replicas.Add(replica);
        return replica;
    }
}
