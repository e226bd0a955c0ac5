namespace Flux2.Cli.Tests;

public sealed class AdaptiveConcurrencyLimiterTests
{
    [Fact]
    public async Task Acquire_BeyondTheLimit_WaitsForARelease()
    {
        var limiter = new AdaptiveConcurrencyLimiter(2);
        var a = await limiter.AcquireAsync(CancellationToken.None);
        var b = await limiter.AcquireAsync(CancellationToken.None);
        var third = limiter.AcquireAsync(CancellationToken.None);

        Assert.False(third.IsCompleted);
        a.Dispose();
        var c = await third.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(2, limiter.InFlight);
        b.Dispose();
        c.Dispose();
        Assert.Equal(0, limiter.InFlight);
    }

    [Fact]
    public async Task RateLimited_HalvesTheLimitOncePerWindow()
    {
        var limiter = new AdaptiveConcurrencyLimiter(8);
        var leases = new List<AdaptiveConcurrencyLimiter.Lease>();
        for (int i = 0; i < 8; i++)
        {
            leases.Add(await limiter.AcquireAsync(CancellationToken.None));
        }

        // Three requests of the same window are refused: one halving, not three.
        leases[0].RateLimited();
        leases[1].RateLimited();
        leases[2].RateLimited();
        Assert.Equal(4, limiter.Limit);

        // A request granted after the halving that is refused again halves again.
        foreach (var lease in leases.Skip(3))
        {
            lease.Dispose();
        }

        var next = await limiter.AcquireAsync(CancellationToken.None);
        next.RateLimited();
        Assert.Equal(2, limiter.Limit);
    }

    [Fact]
    public async Task Successes_GrowTheLimitBackByOneUpToTheMaximum()
    {
        var limiter = new AdaptiveConcurrencyLimiter(4);
        (await limiter.AcquireAsync(CancellationToken.None)).RateLimited();
        Assert.Equal(2, limiter.Limit);
        var changes = new List<(int, int)>();
        limiter.LimitChanged += (old, now) => changes.Add((old, now));

        for (int i = 0; i < 20; i++)
        {
            (await limiter.AcquireAsync(CancellationToken.None)).Succeeded();
        }

        Assert.Equal(4, limiter.Limit);
        Assert.Equal([(2, 3), (3, 4)], changes);
    }

    [Fact]
    public async Task TheLimitNeverDropsBelowOne()
    {
        var limiter = new AdaptiveConcurrencyLimiter(1);
        for (int i = 0; i < 3; i++)
        {
            (await limiter.AcquireAsync(CancellationToken.None)).RateLimited();
        }

        Assert.Equal(1, limiter.Limit);
        (await limiter.AcquireAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
    }

    [Fact]
    public async Task A_CancelledWaiter_GivesUpWithoutTakingASlot()
    {
        var limiter = new AdaptiveConcurrencyLimiter(1);
        var held = await limiter.AcquireAsync(CancellationToken.None);
        using var cancellation = new CancellationTokenSource();
        var waiting = limiter.AcquireAsync(cancellation.Token);

        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        held.Dispose();
        Assert.Equal(0, limiter.InFlight);
    }
}
