using Flux2.Simulator;

namespace Flux2.Redis.Tests;

/// <summary>Flux2:MaxCostPerProcessUsd on Redis: one budget for every replica.</summary>
[Collection(SharedRedis.Name)]
[Trait("Category", "Slow")]
[Trait("Needs", "redis")]
public sealed class SharedBudgetTests(RedisServerFixture redis) : IAsyncLifetime
{
    private readonly string _prefix = "b" + Guid.NewGuid().ToString("N")[..8] + ":";
    private readonly List<Replica> _replicas = [];
    private SimulatorServer _simulator = null!;

    public async Task InitializeAsync() => _simulator = await SimulatorServer.StartAsync(new SimulatorOptions { Latency = TimeSpan.FromMilliseconds(20) });

    [Fact]
    public async Task TheBudget_HoldsAcrossTwoReplicas_CallsBeyondItAreRefusedOnEither_AndNothingIsSentForThem()
    {
        // fal's flux-2-pro costs $0.03 for the first megapixel (fal's pricing page; 992x992 is under 1 MP): a $0.10 budget admits
        // three calls in all, whichever replica takes them.
        var settings = new Dictionary<string, string> { ["Flux2:MaxCostPerProcessUsd"] = "0.10" };
        var a = await StartAsync(settings);
        var b = await StartAsync(settings);

        var results = await Task.WhenAll(Enumerable.Range(0, 4).SelectMany(i => new[]
        {
            a.Client.CallToolAsync("generate_image", new Dictionary<string, object?> { ["prompt"] = $"a fox {i}", ["size"] = "992x992" }).AsTask(),
            b.Client.CallToolAsync("generate_image", new Dictionary<string, object?> { ["prompt"] = $"a hare {i}", ["size"] = "992x992" }).AsTask(),
        }));

        Assert.Equal(3, results.Count(r => r.IsError != true));
        var refused = results.Where(r => r.IsError == true).ToList();
        Assert.Equal(5, refused.Count);
        Assert.All(refused, r => Assert.Contains("the replicas sharing Redis at", r.Content.OfType<TextContentBlock>().First().Text, StringComparison.Ordinal));
        Assert.All(refused, r => Assert.Contains("budget_exceeded", r.Content.OfType<TextContentBlock>().First().Text, StringComparison.Ordinal));
        Assert.Equal(3, _simulator.Jobs.Count);
        Assert.Equal("90000", (string?)await redis.Database.StringGetAsync(_prefix + "budget:spent"));
    }

    [Fact]
    public async Task ACallThatFailsBeforeTheProviderActs_GivesItsShareBack()
    {
        var a = await StartAsync(new Dictionary<string, string> { ["Flux2:MaxCostPerProcessUsd"] = "0.05" });
        _simulator.Faults.Add("fal-queue", "submit", SimulatorFaultKind.Unauthorized);

        var failed = await a.Client.CallToolAsync("generate_image", new Dictionary<string, object?> { ["prompt"] = "a fox", ["size"] = "992x992" });
        var served = await a.Client.CallToolAsync("generate_image", new Dictionary<string, object?> { ["prompt"] = "a fox", ["size"] = "992x992" });

        Assert.True(failed.IsError);
        Assert.NotEqual(true, served.IsError);
        Assert.Equal("30000", (string?)await redis.Database.StringGetAsync(_prefix + "budget:spent"));
    }

    private async Task<Replica> StartAsync(IDictionary<string, string> settings)
    {
        var replica = await Replica.StartAsync(_simulator, redis, _prefix, settings);
        _replicas.Add(replica);
        return replica;
    }

    public async Task DisposeAsync()
    {
        foreach (var replica in _replicas)
        {
            await replica.DisposeAsync();
        }

        await _simulator.DisposeAsync();
    }
}
