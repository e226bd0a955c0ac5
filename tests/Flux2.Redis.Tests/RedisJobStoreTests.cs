using System.Text.Json;
using Flux2.Agents;
using Microsoft.Extensions.Options;

namespace Flux2.Redis.Tests;

/// <summary>The job store on Redis as two replicas see it: one record, the first end wins, a cancel on one reaches the other's watcher.</summary>
[Collection(SharedRedis.Name)]
[Trait("Category", "Slow")]
[Trait("Needs", "redis")]
public sealed class RedisJobStoreTests(RedisServerFixture redis) : IAsyncLifetime
{
    private readonly string _prefix = "s" + Guid.NewGuid().ToString("N")[..8] + ":";
    private Flux2RedisConnection _connectionA = null!;
    private Flux2RedisConnection _connectionB = null!;

    public Task InitializeAsync()
    {
        _connectionA = Connect();
        _connectionB = Connect();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task AJobWrittenByA_IsReadEndedAndCancelledOnlyOnce_ThroughB()
    {
        using var a = new Flux2RedisJobStore(_connectionA);
        using var b = new Flux2RedisJobStore(_connectionB);
        var now = DateTimeOffset.UtcNow;
        await a.CreateAsync(new Flux2JobRecord
        {
            Id = "aaaaaaaaaaaaaaaaaaaaaaaa", Owner = "sub:alice", Tool = "generate_image", CreatedAt = now, UpdatedAt = now, NumImages = 2,
            Progress = new Flux2JobProgress { Status = "queued", QueuePosition = 3, Message = "fal queued at position 3", Provider = "fal" },
        });
        var result = JsonDocument.Parse("""{"content":[{"type":"text","text":"done"}]}""").RootElement;

        var seen = await b.GetAsync("aaaaaaaaaaaaaaaaaaaaaaaa");
        bool progressed = await b.ReportProgressAsync("aaaaaaaaaaaaaaaaaaaaaaaa", new Flux2JobProgress { Status = "running", Fraction = 0.5, Message = "fal running (50 %)" });
        bool finished = await b.FinishAsync("aaaaaaaaaaaaaaaaaaaaaaaa", Flux2JobStatus.Completed, "done", result, result);
        bool finishedAgain = await a.FinishAsync("aaaaaaaaaaaaaaaaaaaaaaaa", Flux2JobStatus.Failed, "late", null, null);
        bool cancelled = await a.CancelAsync("aaaaaaaaaaaaaaaaaaaaaaaa");

        Assert.Equal("sub:alice", seen!.Owner);
        Assert.Equal(2, seen.NumImages);
        Assert.Equal(3, seen.Progress!.QueuePosition);
        Assert.True(progressed);
        Assert.True(finished);
        Assert.False(finishedAgain);
        Assert.False(cancelled);
        var done = await a.GetAsync("aaaaaaaaaaaaaaaaaaaaaaaa");
        Assert.Equal(Flux2JobStatus.Completed, done!.Status);
        Assert.Equal("done", done.Result!.Value.GetProperty("content")[0].GetProperty("text").GetString());
        Assert.Equal(0.5, done.Progress!.Fraction);
        var ttl = await redis.Database.KeyTimeToLiveAsync(_prefix + "jobs:aaaaaaaaaaaaaaaaaaaaaaaa");
        Assert.InRange(ttl!.Value, TimeSpan.FromHours(23), TimeSpan.FromHours(24));
    }

    [Fact]
    public async Task ACancelThroughB_ReachesAWatcherOnA()
    {
        using var a = new Flux2RedisJobStore(_connectionA);
        using var b = new Flux2RedisJobStore(_connectionB);
        var now = DateTimeOffset.UtcNow;
        await a.CreateAsync(new Flux2JobRecord { Id = "bbbbbbbbbbbbbbbbbbbbbbbb", Owner = "anonymous", Tool = "generate_image", CreatedAt = now, UpdatedAt = now });
        var heard = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var watch = await a.WatchCancellationAsync("bbbbbbbbbbbbbbbbbbbbbbbb", () => heard.TrySetResult());

        Assert.True(await b.CancelAsync("bbbbbbbbbbbbbbbbbbbbbbbb"));

        await heard.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(Flux2JobStatus.Cancelled, (await a.GetAsync("bbbbbbbbbbbbbbbbbbbbbbbb"))!.Status);
    }

    public async Task DisposeAsync()
    {
        await _connectionA.DisposeAsync();
        await _connectionB.DisposeAsync();
    }

    private Flux2RedisConnection Connect() =>
        new(Options.Create(new Flux2RedisOptions { Redis = redis.ConnectionString, KeyPrefix = _prefix }));
}
