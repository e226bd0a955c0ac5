using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace Flux2.Client.Tests.Pipeline;

public sealed class LimitingFlux2ProviderTests
{
    private readonly Mock<IFlux2Provider> _adapter = new(MockBehavior.Strict);
    private readonly Mock<IFlux2ProviderLimiter> _limiter = new(MockBehavior.Strict);
    private readonly Flux2ClientOptions _options = new();
    private readonly FakeTimeProvider _time = new();
    private readonly RecordingProgress _progress = new();
    private readonly Mock<IAsyncDisposable> _slot = new();

    public LimitingFlux2ProviderTests()
    {
        _adapter.SetupGet(a => a.Name).Returns("fal");
        _options.GetProvider("fal").MaxConcurrency = 3;
        _options.GetProvider("fal").MaxRetryDelay = TimeSpan.FromSeconds(30);
        _slot.Setup(s => s.DisposeAsync()).Returns(ValueTask.CompletedTask);
    }

    private LimitingFlux2Provider Layer() => new(_adapter.Object, _limiter.Object, Options.Create(_options), _time);

    private Flux2ProviderRequest Call() => new()
    {
        Capabilities = new Flux2ModelCapabilities { Provider = "fal", Model = Flux2Models.Pro, ProviderModelId = "fal-ai/flux-2-pro" },
        Endpoint = new Flux2ProviderEndpoint { BaseUrl = new Uri("https://fal.run"), ApiKey = "k" },
        Prompt = "a heron",
        Width = 1024,
        Height = 1024,
        Progress = _progress,
    };

    [Fact]
    public async Task ACall_TakesOneOfTheConfiguredSlots_ReportsTheWait_AndFreesItAfterwards()
    {
        var response = new Flux2ProviderResponse { Images = [] };
        _limiter.Setup(l => l.AcquireAsync("fal", 3, It.IsAny<Action?>(), It.IsAny<CancellationToken>()))
            .Returns((string _, int _, Action? waiting, CancellationToken _) =>
            {
                waiting?.Invoke();
                return ValueTask.FromResult(_slot.Object);
            });
        _limiter.Setup(l => l.GetPauseAsync("fal", It.IsAny<CancellationToken>())).ReturnsAsync(TimeSpan.Zero);
        _adapter.Setup(a => a.GenerateAsync(It.IsAny<Flux2ProviderRequest>(), It.IsAny<CancellationToken>())).ReturnsAsync(response);

        Assert.Same(response, await Layer().GenerateAsync(Call(), CancellationToken.None));

        var waited = Assert.Single(_progress.Reports);
        Assert.Equal(Flux2ProgressStatus.Waiting, waited.Status);
        Assert.Equal("waiting for one of 3 fal slots", waited.Message);
        _slot.Verify(s => s.DisposeAsync(), Times.Once);
    }

    [Fact]
    public async Task ASharedPause_IsWaitedOut_OnTheClock_BeforeTheCallIsSent()
    {
        _limiter.Setup(l => l.AcquireAsync("fal", 3, It.IsAny<Action?>(), It.IsAny<CancellationToken>())).ReturnsAsync(_slot.Object);
        _limiter.SetupSequence(l => l.GetPauseAsync("fal", It.IsAny<CancellationToken>()))
            .ReturnsAsync(TimeSpan.FromSeconds(4))
            .ReturnsAsync(TimeSpan.Zero);
        var sent = new TaskCompletionSource();
        _adapter.Setup(a => a.GenerateAsync(It.IsAny<Flux2ProviderRequest>(), It.IsAny<CancellationToken>()))
            .Callback(() => sent.SetResult())
            .ReturnsAsync(new Flux2ProviderResponse { Images = [] });

        Task<Flux2ProviderResponse> running = Layer().GenerateAsync(Call(), CancellationToken.None);
        await WaitUntil(() => _progress.Reports.Count > 0);
        Assert.False(sent.Task.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(4));
        await running;

        Assert.True(sent.Task.IsCompleted);
        Assert.Equal("fal asked every caller to wait 4 s (rate limited)", Assert.Single(_progress.Reports).Message);
    }

    [Fact]
    public async Task APauseLongerThanMaxRetryDelay_FailsAtOnce_AndSendsNothing()
    {
        _limiter.Setup(l => l.AcquireAsync("fal", 3, It.IsAny<Action?>(), It.IsAny<CancellationToken>())).ReturnsAsync(_slot.Object);
        _limiter.Setup(l => l.GetPauseAsync("fal", It.IsAny<CancellationToken>())).ReturnsAsync(TimeSpan.FromSeconds(90));

        var error = await Assert.ThrowsAsync<Flux2Exception>(() => Layer().GenerateAsync(Call(), CancellationToken.None));

        Assert.Equal(Flux2ErrorKind.RateLimited, error.Kind);
        Assert.Equal(TimeSpan.FromSeconds(90), error.RetryAfter);
        _adapter.Verify(a => a.GenerateAsync(It.IsAny<Flux2ProviderRequest>(), It.IsAny<CancellationToken>()), Times.Never);
        _slot.Verify(s => s.DisposeAsync(), Times.Once);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(1, cts.Token);
        }
    }
}
