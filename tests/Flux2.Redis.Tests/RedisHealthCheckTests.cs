using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Flux2.Redis.Tests;

[Collection(SharedRedis.Name)]
[Trait("Category", "Slow")]
[Trait("Needs", "redis")]
public sealed class RedisHealthCheckTests(RedisServerFixture redis)
{
    [Fact]
    public async Task TheReadyCheck_IsHealthy_WhenRedisAnswers()
    {
        var report = await CheckAsync(redis.ConnectionString);

        var entry = Assert.Single(report.Entries);
        Assert.Equal(Flux2RedisHealthCheck.Name, entry.Key);
        Assert.Contains(Flux2RedisHealthCheck.ReadyTag, entry.Value.Tags);
        Assert.Equal(HealthStatus.Healthy, entry.Value.Status);
    }

    [Fact]
    public async Task TheReadyCheck_IsUnhealthyWithinTwoSeconds_NamingWhere_WhenNothingAnswers()
    {
        int port = LoopbackPort.Free();
        var time = new TimerWatchingTimeProvider();

        // The client would wait a minute (to connect, and a PING waits for the connection): the probe gives up when its own
        // clock says 2 s, and says so. Nothing else can end the check first, however slow this machine is.
        await using var services = Services($"127.0.0.1:{port},password=hunter2-secret,connectTimeout=60000,asyncTimeout=60000,syncTimeout=60000", time);
        Task<HealthReport> checking = services.GetRequiredService<HealthCheckService>().CheckHealthAsync(r => r.Tags.Contains(Flux2RedisHealthCheck.ReadyTag));
        await time.WaitForTimerAsync(TimeSpan.FromSeconds(2));
        time.Advance(TimeSpan.FromSeconds(2));
        var report = await checking.WaitAsync(TimeSpan.FromSeconds(10));

        var entry = Assert.Single(report.Entries).Value;
        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.Contains($"127.0.0.1:{port}", entry.Description);
        Assert.Contains("did not answer a PING within 2 s", entry.Description);
        Assert.DoesNotContain("hunter2", entry.Description);
    }

    private static async Task<HealthReport> CheckAsync(string connectionString)
    {
        await using var services = Services(connectionString, time: null);
        return await services.GetRequiredService<HealthCheckService>().CheckHealthAsync(r => r.Tags.Contains(Flux2RedisHealthCheck.ReadyTag));
    }

    private static ServiceProvider Services(string connectionString, TimeProvider? time)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Flux2:Store:Redis"] = connectionString }).Build();
        var services = new ServiceCollection();
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        return services.AddFlux2Redis(configuration).BuildServiceProvider();
    }
}
