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
    public async Task RateLimited_LowersTheLimitToTheJobsTheProviderKeptRunning()
    {
        var limiter = new AdaptiveConcurrencyLimiter(8);
        var leases = new List<AdaptiveConcurrencyLimiter.Lease>();
        for (int i = 0; i < 8; i++)
        {
            leases.Add(await limiter.AcquireAsync(CancellationToken.None));
        }

        // Three of eight are refused: the provider runs five, so five is the limit (not four, not one).
        leases[0].RateLimited();
        leases[1].RateLimited();
        leases[2].RateLimited();
        Assert.Equal(5, limiter.Limit);

        // A ninth caller waits: five are running.
        var ninth = limiter.AcquireAsync(CancellationToken.None);
        Assert.False(ninth.IsCompleted);
        leases[3].Succeeded();
        (await ninth.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();

        // Refused with nothing else running: the limit drops to one, never below.
        foreach (var lease in leases.Skip(4))
        {
            lease.Dispose();
        }

        (await limiter.AcquireAsync(CancellationToken.None)).RateLimited();
        Assert.Equal(1, limiter.Limit);
    }

    [Fact]
    public async Task Successes_GrowTheLimitBackByOneUpToTheMaximum()
    {
        var limiter = new AdaptiveConcurrencyLimiter(4);
        (await limiter.AcquireAsync(CancellationToken.None)).RateLimited();
        Assert.Equal(1, limiter.Limit);
        var changes = new List<(int, int)>();
        limiter.LimitChanged += (old, now) => changes.Add((old, now));

        for (int i = 0; i < 20; i++)
        {
            (await limiter.AcquireAsync(CancellationToken.None)).Succeeded();
        }

        Assert.Equal(4, limiter.Limit);
        Assert.Equal([(1, 2), (2, 3), (3, 4)], changes);
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
