using System.Globalization;
using System.Text.Json;
using Flux2.Agents;
using Microsoft.Extensions.Time.Testing;

namespace Flux2.Mcp.Tests;

/// <summary>
/// The in-process job store stays bounded however many jobs a replica serves within the day it keeps them: beyond
/// <see cref="Flux2McpMemoryJobStore.MaxJobs"/> jobs or <see cref="Flux2McpMemoryJobStore.MaxResultBytes"/> of results the oldest
/// ended jobs are forgotten first, and a running job is never forgotten for room.
/// </summary>
public sealed class JobStoreBoundsTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 2, 10, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task BeyondMaxJobs_TheOldestEndedJobsGo_ARunningOneStays()
    {
        var store = new Flux2McpMemoryJobStore(_time);
        var small = JsonDocument.Parse("""{"content":[]}""").RootElement;
        await store.CreateAsync(Job(0)); // still running at the end
        for (int i = 1; i <= Flux2McpMemoryJobStore.MaxJobs + 100; i++)
        {
            await store.CreateAsync(Job(i));
            await store.FinishAsync(Id(i), Flux2JobStatus.Completed, "done", small, small);
        }

        Assert.NotNull(await store.GetAsync(Id(0)));
        Assert.Null(await store.GetAsync(Id(1)));
        Assert.Null(await store.GetAsync(Id(101)));
        Assert.NotNull(await store.GetAsync(Id(102)));
        Assert.NotNull(await store.GetAsync(Id(Flux2McpMemoryJobStore.MaxJobs + 100)));
    }

    [Fact]
    public async Task BeyondMaxResultBytes_TheOldestEndedJobsGo()
    {
        var store = new Flux2McpMemoryJobStore(_time);

        // A result as big as a generate_image result with a large preview: 1 MiB of base64.
        var large = JsonSerializer.SerializeToElement(new { content = new[] { new { type = "image", data = new string('A', 1024 * 1024) } } });
        const int Jobs = 80;
        for (int i = 1; i <= Jobs; i++)
        {
            await store.CreateAsync(Job(i));
            await store.FinishAsync(Id(i), Flux2JobStatus.Completed, "done", large, null);
        }

        int kept = 0;
        for (int i = 1; i <= Jobs; i++)
        {
            kept += await store.GetAsync(Id(i)) is null ? 0 : 1;
        }

        Assert.NotNull(await store.GetAsync(Id(Jobs)));
        Assert.Null(await store.GetAsync(Id(1)));
        Assert.InRange(kept, 1, (int)(Flux2McpMemoryJobStore.MaxResultBytes / (1024 * 1024)));
    }

    private static string Id(int i) => i.ToString("x24", CultureInfo.InvariantCulture);

    private Flux2JobRecord Job(int i) => new()
    {
        Id = Id(i),
        Owner = "sub:alice",
        Tool = "generate_image",
        CreatedAt = _time.GetUtcNow(),
        UpdatedAt = _time.GetUtcNow(),
    };
}
