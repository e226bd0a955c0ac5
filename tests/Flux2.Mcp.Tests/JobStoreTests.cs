using System.Text.Json;
using Flux2.Agents;
using Microsoft.Extensions.Time.Testing;

namespace Flux2.Mcp.Tests;

/// <summary>The in-process job store: the first end wins, a cancel reaches every watcher, and jobs and owners expire with the TTL.</summary>
public sealed class JobStoreTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 2, 10, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task TheFirstEndWins_AndAnEndedJobTakesNoMoreProgress()
    {
        var store = new Flux2McpMemoryJobStore(_time);
        await store.CreateAsync(Job("aaaaaaaaaaaaaaaaaaaaaaaa"));
        var result = JsonDocument.Parse("""{"content":[]}""").RootElement;

        bool first = await store.FinishAsync("aaaaaaaaaaaaaaaaaaaaaaaa", Flux2JobStatus.Completed, "done", result, result);
        bool second = await store.FinishAsync("aaaaaaaaaaaaaaaaaaaaaaaa", Flux2JobStatus.Failed, "late", null, null);
        bool cancelled = await store.CancelAsync("aaaaaaaaaaaaaaaaaaaaaaaa");
        bool progressed = await store.ReportProgressAsync("aaaaaaaaaaaaaaaaaaaaaaaa", new Flux2JobProgress { Status = "running" });

        Assert.True(first);
        Assert.False(second);
        Assert.False(cancelled);
        Assert.False(progressed);
        var job = await store.GetAsync("aaaaaaaaaaaaaaaaaaaaaaaa");
        Assert.Equal(Flux2JobStatus.Completed, job!.Status);
        Assert.Equal("done", job.Message);
    }

    [Fact]
    public async Task ACancel_ReachesEveryWatcherOnce_AndALateWatcherAtOnce()
    {
        var store = new Flux2McpMemoryJobStore(_time);
        await store.CreateAsync(Job("bbbbbbbbbbbbbbbbbbbbbbbb"));
        int early = 0;
        int late = 0;
        await using var watch = await store.WatchCancellationAsync("bbbbbbbbbbbbbbbbbbbbbbbb", () => early++);

        Assert.True(await store.CancelAsync("bbbbbbbbbbbbbbbbbbbbbbbb"));
        Assert.False(await store.CancelAsync("bbbbbbbbbbbbbbbbbbbbbbbb"));
        await using var after = await store.WatchCancellationAsync("bbbbbbbbbbbbbbbbbbbbbbbb", () => late++);

        Assert.Equal(1, early);
        Assert.Equal(1, late);
        Assert.Equal(Flux2JobStatus.Cancelled, (await store.GetAsync("bbbbbbbbbbbbbbbbbbbbbbbb"))!.Status);
    }

    [Fact]
    public async Task JobsAndImageOwners_AreForgottenAfterTheTimeToLive()
    {
        var store = new Flux2McpMemoryJobStore(_time);
        await store.CreateAsync(Job("cccccccccccccccccccccccc"));
        await store.SetImageOwnerAsync("0123456789abcdef", "sub:alice");

        _time.Advance(store.TimeToLive - TimeSpan.FromSeconds(1));
        Assert.NotNull(await store.GetAsync("cccccccccccccccccccccccc"));
        Assert.Equal("sub:alice", await store.GetImageOwnerAsync("0123456789abcdef"));

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(await store.GetAsync("cccccccccccccccccccccccc"));
        Assert.Null(await store.GetImageOwnerAsync("0123456789abcdef"));
    }

    [Fact]
    public async Task ARunningJob_KeepsItsRecordFresh_WhileOneWhoseServerStopped_ReadsAsFailed()
    {
        var store = new Flux2McpMemoryJobStore(_time);
        var never = new TaskCompletionSource<Flux2McpJobOutcome>();
        var running = await Flux2McpRunningJob.StartAsync(
            store, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, _time, "dddddddddddddddddddddddd", "anonymous", 1, published: false, (_, _) => never.Task, default);
        Assert.True(await running.PublishAsync(_time.GetUtcNow()));
        await store.CreateAsync(Job("eeeeeeeeeeeeeeeeeeeeeeee"));

        _time.Advance(Flux2McpJobLiveness.StaleAfter + TimeSpan.FromSeconds(1));

        var alive = Flux2McpJobLiveness.AsSeen((await store.GetAsync("dddddddddddddddddddddddd"))!, _time.GetUtcNow());
        var lost = Flux2McpJobLiveness.AsSeen((await store.GetAsync("eeeeeeeeeeeeeeeeeeeeeeee"))!, _time.GetUtcNow());
        Assert.Equal(Flux2JobStatus.Working, alive.Status);
        Assert.Equal(Flux2JobStatus.Failed, lost.Status);
        Assert.Contains("stopped before it ended", lost.Message, StringComparison.Ordinal);
        Assert.NotNull(lost.Error);
        running.Cancel();
    }

    [Fact]
    public void CallerIdentity_IsTheSubject_ElseTheTokensHash_ElseAnonymous_AndNeverTheToken()
    {
        var alice = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity([new System.Security.Claims.Claim("sub", "alice")], "jwt"));

        string bySubject = Flux2McpCaller.Resolve(alice, "Bearer some-jwt");
        string byToken = Flux2McpCaller.Resolve(null, "Bearer secret-token-4711");

        Assert.Equal("sub:alice", bySubject);
        Assert.StartsWith("token:", byToken, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-token-4711", byToken, StringComparison.Ordinal);
        Assert.Equal(byToken, Flux2McpCaller.Resolve(null, "bearer secret-token-4711"));
        Assert.NotEqual(byToken, Flux2McpCaller.Resolve(null, "Bearer other-token"));
        Assert.Equal(Flux2McpCaller.Anonymous, Flux2McpCaller.Resolve(null, null));
    }

    private Flux2JobRecord Job(string id) => new()
    {
        Id = id,
        Owner = "sub:alice",
        Tool = "generate_image",
        CreatedAt = _time.GetUtcNow(),
        UpdatedAt = _time.GetUtcNow(),
    };
}
