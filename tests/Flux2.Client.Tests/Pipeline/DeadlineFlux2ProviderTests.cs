using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Flux2.Client.Tests.Pipeline;

/// <summary>The per-call TotalTimeout layer on a fake clock, over an adapter double that waits on its token as a stuck job does.</summary>
public sealed class DeadlineFlux2ProviderTests
{
    private readonly Flux2ClientOptions _options = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero));

    public DeadlineFlux2ProviderTests() => _options.GetProvider("fal").TotalTimeout = TimeSpan.FromSeconds(8);

    [Fact]
    public async Task TheToken_IsCancelledExactlyWhenTotalTimeoutPasses()
    {
        var stuck = new StuckAdapter();
        Task<Flux2ProviderResponse> call = Layer(stuck).GenerateAsync(Call(), CancellationToken.None);
        CancellationToken token = await stuck.Started;

        _time.Advance(TimeSpan.FromSeconds(8) - TimeSpan.FromMilliseconds(1));
        Assert.False(token.IsCancellationRequested);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(token.IsCancellationRequested);

        await Assert.ThrowsAnyAsync<Flux2Exception>(() => call);
    }

    [Fact]
    public async Task AStuckAcceptedJob_FailsWithTimeout_NamingTheSetting_AndSaysItWasCancelled()
    {
        var stuck = new StuckAdapter { RequestId = "req-42", OnCancelled = job => job.CancelRequested(confirmed: true) };
        Task<Flux2ProviderResponse> call = Layer(stuck).GenerateAsync(Call(), CancellationToken.None);
        await stuck.Started;

        _time.Advance(TimeSpan.FromSeconds(8));
        var error = await Assert.ThrowsAsync<Flux2Exception>(() => call);

        Assert.Equal(Flux2ErrorKind.Timeout, error.Kind);
        Assert.Equal(Flux2ErrorCategory.Network, error.Category);
        Assert.Equal("fal", error.Provider);
        Assert.Equal("req-42", error.RequestId);
        Assert.True(error.OutcomeUnknown);
        Assert.Contains("Flux2:Providers:fal:TotalTimeout", error.Message, StringComparison.Ordinal);
        Assert.Contains("12:00:08 UTC", error.Message, StringComparison.Ordinal);
        Assert.Contains("Its job req-42 was cancelled at fal.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AJobTheProviderCannotCancel_SaysSo_AndThatItMayStillBeBilled()
    {
        var stuck = new StuckAdapter { RequestId = "task-7", OnCancelled = job => job.CannotCancel("BFL's API has no cancel endpoint") };
        Task<Flux2ProviderResponse> call = Layer(stuck).GenerateAsync(Call(), CancellationToken.None);
        await stuck.Started;

        _time.Advance(TimeSpan.FromSeconds(8));
        var error = await Assert.ThrowsAsync<Flux2Exception>(() => call);

        Assert.Equal(Flux2ErrorKind.Timeout, error.Kind);
        Assert.Contains("BFL's API has no cancel endpoint, so job task-7 may still finish and be billed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACancelTheProviderDidNotConfirm_IsReportedAsPossiblyStillRunning()
    {
        var stuck = new StuckAdapter { RequestId = "p-1", OnCancelled = job => job.CancelRequested(confirmed: false) };
        Task<Flux2ProviderResponse> call = Layer(stuck).GenerateAsync(Call(), CancellationToken.None);
        await stuck.Started;

        _time.Advance(TimeSpan.FromSeconds(8));
        var error = await Assert.ThrowsAsync<Flux2Exception>(() => call);

        Assert.Contains("fal did not confirm the cancel of job p-1, so it may still run and be billed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASyncRequestCutMidway_IsAnUnknownOutcome()
    {
        var stuck = new StuckAdapter { SendsPaidRequest = true };
        Task<Flux2ProviderResponse> call = Layer(stuck).GenerateAsync(Call(), CancellationToken.None);
        await stuck.Started;

        _time.Advance(TimeSpan.FromSeconds(8));
        var error = await Assert.ThrowsAsync<Flux2Exception>(() => call);

        Assert.True(error.OutcomeUnknown);
        Assert.Null(error.RequestId);
        Assert.Contains("may still be billed; it was not sent again", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACallThatNeverLeft_SaysNothingWasSent_AndMayFailOver()
    {
        var stuck = new StuckAdapter();
        Task<Flux2ProviderResponse> call = Layer(stuck).GenerateAsync(Call(), CancellationToken.None);
        await stuck.Started;

        _time.Advance(TimeSpan.FromSeconds(8));
        var error = await Assert.ThrowsAsync<Flux2Exception>(() => call);

        Assert.False(error.OutcomeUnknown);
        Assert.Contains("Nothing was sent to fal.", error.Message, StringComparison.Ordinal);
        Assert.True(FailoverFlux2Client.CanFailover(error));
    }

    [Fact]
    public async Task TheCallersCancellation_StaysACancellation()
    {
        var stuck = new StuckAdapter { RequestId = "req-1" };
        using var caller = new CancellationTokenSource();
        Task<Flux2ProviderResponse> call = Layer(stuck).GenerateAsync(Call(), caller.Token);
        await stuck.Started;

        await caller.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }

    [Fact]
    public async Task ACallThatFinishesInTime_PassesThrough()
    {
        var response = new Flux2ProviderResponse { Images = [] };
        var quick = new StuckAdapter { Answer = response };

        Assert.Same(response, await Layer(quick).GenerateAsync(Call(), CancellationToken.None));
    }

    [Fact]
    public async Task ANonPositiveTotalTimeout_MeansTheDefaultTenMinutes()
    {
        _options.GetProvider("fal").TotalTimeout = TimeSpan.Zero;
        var stuck = new StuckAdapter();
        Task<Flux2ProviderResponse> call = Layer(stuck).GenerateAsync(Call(), CancellationToken.None);
        CancellationToken token = await stuck.Started;

        _time.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromMilliseconds(1));
        Assert.False(token.IsCancellationRequested);
        _time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal(Flux2ErrorKind.Timeout, (await Assert.ThrowsAsync<Flux2Exception>(() => call)).Kind);
    }

    private DeadlineFlux2Provider Layer(IFlux2Provider inner) => new(inner, Options.Create(_options), _time);

    private static Flux2ProviderRequest Call() => new()
    {
        Capabilities = new Flux2ModelCapabilities { Provider = "fal", Model = Flux2Models.Pro, ProviderModelId = "fal-ai/flux-2-pro" },
        Endpoint = new Flux2ProviderEndpoint { BaseUrl = new Uri("https://fal.run"), ApiKey = "k" },
        Prompt = "a heron",
        Width = 1024,
        Height = 1024,
        Progress = new Flux2AcceptedJobProgress(null),
    };

    /// <summary>An adapter double: reports what a real one would, then waits on its token until cancelled (or answers at once).</summary>
    private sealed class StuckAdapter : IFlux2Provider
    {
        private readonly TaskCompletionSource<CancellationToken> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Name => "fal";

        public IReadOnlyList<Flux2ModelCapabilities> Models => [];

        public string? RequestId { get; init; }

        public bool SendsPaidRequest { get; init; }

        public Action<IFlux2JobObserver>? OnCancelled { get; init; }

        public Flux2ProviderResponse? Answer { get; init; }

        public Task<CancellationToken> Started => _started.Task;

        public async Task<Flux2ProviderResponse> GenerateAsync(Flux2ProviderRequest request, CancellationToken cancellationToken)
        {
            if (Answer is not null)
            {
                return Answer;
            }

            var observer = (IFlux2JobObserver)request.Progress!;
            if (SendsPaidRequest || RequestId is not null)
            {
                observer.PaidRequestSent();
            }

            if (RequestId is not null)
            {
                request.Progress!.Report(new Flux2Progress { Status = Flux2ProgressStatus.Queued, Provider = Name, RequestId = RequestId });
            }

            _started.SetResult(cancellationToken);
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                OnCancelled?.Invoke(observer);
                throw;
            }

            throw new InvalidOperationException("unreachable");
        }
    }
}
