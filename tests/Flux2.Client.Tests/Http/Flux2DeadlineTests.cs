using Microsoft.Extensions.Time.Testing;

namespace Flux2.Client.Tests.Http;

/// <summary>What follows a call (downloads) gets what is left of its TotalTimeout, on the caller's clock.</summary>
public sealed class Flux2DeadlineTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 5, 1, 9, 30, 0, TimeSpan.Zero));

    [Fact]
    public void After_CancelsItsTokenWhenTheResultsDeadlinePasses()
    {
        using var deadline = Flux2Deadline.After(Result(_time.GetUtcNow().AddSeconds(3)), _time);

        _time.Advance(TimeSpan.FromSeconds(3) - TimeSpan.FromMilliseconds(1));
        Assert.False(deadline.Token.IsCancellationRequested);
        _time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.True(deadline.Token.IsCancellationRequested);
        Assert.True(deadline.HasExpired);
    }

    [Fact]
    public void After_APassedDeadline_IsExpiredAtOnce()
    {
        using var deadline = Flux2Deadline.After(Result(_time.GetUtcNow().AddSeconds(-1)), _time);

        Assert.True(deadline.Token.IsCancellationRequested);
        Assert.True(deadline.HasExpired);
    }

    [Fact]
    public void After_NoDeadline_NeverExpires_ButFollowsTheCaller()
    {
        using var caller = new CancellationTokenSource();
        using var deadline = Flux2Deadline.After(Result(null), _time, caller.Token);

        _time.Advance(TimeSpan.FromDays(30));
        Assert.False(deadline.Token.IsCancellationRequested);
        caller.Cancel();

        Assert.True(deadline.Token.IsCancellationRequested);
        Assert.False(deadline.HasExpired);
    }

    [Fact]
    public void CreateTimeout_NamesTheProvidersSetting_AndWhenItEnded()
    {
        using var deadline = Flux2Deadline.After(Result(_time.GetUtcNow().AddSeconds(5)), _time);

        Flux2Exception error = deadline.CreateTimeout("saving the images", "The images stay at their provider URLs until they expire.");

        Assert.Equal(Flux2ErrorKind.Timeout, error.Kind);
        Assert.Equal("bfl", error.Provider);
        Assert.Equal(
            "Saving the images did not finish within Flux2:Providers:bfl:TotalTimeout (it ended at 09:30:05 UTC). The images stay at their provider URLs until they expire. Raise Flux2:Providers:bfl:TotalTimeout, or try a faster model or a smaller size.",
            error.Message);
    }

    private static Flux2ImageResult Result(DateTimeOffset? deadline) => new()
    {
        Images = [],
        Provider = "bfl",
        Model = Flux2Models.Pro,
        Deadline = deadline,
    };
}
