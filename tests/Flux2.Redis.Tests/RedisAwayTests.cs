using System.Diagnostics;
using Flux2.Agents;
using Flux2.Client;
using Flux2.Simulator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Flux2.Redis.Tests;

/// <summary>
/// Issue 17, item 9: Redis going away in the middle of a generate (image store and provider limiter on Redis) ends in the stated
/// fallback, never a lost or double-paid job: the paid job's image is fetched and saved and returned without an id, with a warning
/// that says why and where the file is; the next call fails before sending anything, with an error naming Redis. One submit.
/// Uses a redis-server of its own (it is killed), in the shared collection so it does not run beside the timing tests.
/// </summary>
[Collection(SharedRedis.Name)]
[Trait("Category", "Slow")]
[Trait("Needs", "redis")]
public sealed class RedisAwayTests : IAsyncLifetime
{
    private readonly RedisServerFixture _redis = new();
    private readonly TempDirectory _root = new("redis-away");
    private SimulatorServer _simulator = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        await _redis.InitializeAsync();
        _simulator = await SimulatorServer.StartAsync(new SimulatorOptions { Latency = TimeSpan.FromSeconds(2) });
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Flux2:Provider"] = "fal",
            ["Flux2:Providers:fal:ApiKey"] = Replica.ApiKey,
            ["Flux2:Providers:fal:BaseUrl"] = _simulator.DialectUrl("fal").ToString(),
            ["Flux2:Providers:fal:QueueBaseUrl"] = _simulator.DialectUrl("fal-queue").ToString(),
            ["Flux2:Providers:fal:MaxRetries"] = "0",
            ["Flux2:OutputDirectory"] = _root.Combine("out"),
            ["Flux2:Tools:CacheDirectory"] = _root.Combine("cache"),
            // Short waits for a Redis that is gone (StackExchange.Redis queues commands until then).
            ["Flux2:Store:Redis"] = _redis.ConnectionString + ",connectTimeout=1000,asyncTimeout=1500,syncTimeout=1500",
            ["Flux2:Store:KeyPrefix"] = "away:",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddFlux2Tools(configuration);
        services.AddFlux2Redis(configuration);
        _services = services.BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _simulator.DisposeAsync();
        await _redis.DisposeAsync();
        _root.Dispose();
    }

    [Fact]
    public async Task RedisGoingAwayMidGenerate_KeepsThePaidImageAsAFile_WithAWarning_ThenFailsClearlyWithoutSending()
    {
        var tools = _services.GetRequiredService<Flux2ImageTools>();
        Assert.IsNotType<Flux2ImageStore>(tools.Store);    // the image store is Redis's

        var generating = tools.GenerateImageAsync(new Flux2GenerateImageInput { Prompt = "a lighthouse", OutputFormat = "png" });
        var waited = Stopwatch.StartNew();
        while (_simulator.Counters.Get("fal-queue", "submit") == 0)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30) && !generating.IsCompleted, "the job was never submitted");
            await Task.Delay(20);
        }

        await _redis.StopAsync();                          // the job is running on the provider (2 s), the slot is held on Redis
        var output = await generating.WaitAsync(TimeSpan.FromSeconds(60));

        var image = Assert.Single(output.Images);
        Assert.Null(image.Id);                             // no id any replica could resolve...
        Assert.NotNull(image.Path);
        Assert.True(File.Exists(image.Path));              // ...but the paid image is not lost
        string warning = Assert.Single(output.Warnings, w => w.Contains("no flux2://images id", StringComparison.Ordinal));
        Assert.Contains("Redis", warning, StringComparison.Ordinal);
        Assert.Contains("saved path", warning, StringComparison.Ordinal);
        Assert.Equal(1, _simulator.Counters.Get("fal-queue", "submit"));

        // With Redis still gone, the next call cannot take a shared slot: a typed error naming Redis, and nothing is sent.
        var next = await Assert.ThrowsAsync<Flux2Exception>(() =>
            tools.GenerateImageAsync(new Flux2GenerateImageInput { Prompt = "another lighthouse" }).WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal(Flux2ErrorKind.Network, next.Kind);
        Assert.Contains("Redis", next.Message, StringComparison.Ordinal);
        Assert.Contains("Flux2:Store:Redis", next.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Replica.ApiKey, next.Message, StringComparison.Ordinal);
        Assert.Equal(1, _simulator.Counters.Get("fal-queue", "submit"));
    }
}
