using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Flux2.Client.Tests.Providers;

/// <summary>
/// A job that stays in progress ends at TotalTimeout, over real HTTP: the call fails with <see cref="Flux2ErrorKind.Timeout"/> within
/// a second of the deadline, and the provider's job is cancelled where the provider can (fal, Replicate) or the error says it cannot (BFL).
/// </summary>
public sealed class StuckJobTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    private static readonly TimeSpan Total = TimeSpan.FromSeconds(1.5);

    [Theory]
    [InlineData(Flux2Providers.Fal, "fal-queue", 1, "was cancelled at fal")]
    [InlineData(Flux2Providers.Replicate, "replicate", 1, "was cancelled at replicate")]
    [InlineData(Flux2Providers.Bfl, "bfl", 0, "BFL's API has no cancel endpoint, so job")]
    public async Task AJobStuckInProgress_EndsAtTotalTimeout_AndIsCancelledWhereTheProviderCan(string provider, string dialect, int cancels, string says)
    {
        using var harness = Harness(provider, dialect);
        harness.Simulator.Options.Latency = TimeSpan.FromMinutes(5);
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAnyAsync<Flux2Exception>(() => harness.Client.GenerateAsync(Request()));

        Assert.Equal(Flux2ErrorKind.Timeout, error.Kind);
        Assert.True(clock.Elapsed < Total + TimeSpan.FromSeconds(1), $"ended after {clock.Elapsed.TotalSeconds:0.00} s, more than a second past the {Total.TotalSeconds} s deadline");
        Assert.Contains($"Flux2:Providers:{provider}:TotalTimeout", error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Contains(says, StringComparison.Ordinal), error.Message);
        Assert.True(error.OutcomeUnknown);
        Assert.NotNull(error.RequestId);
        Assert.Equal(1, harness.Simulator.Counters.Get(dialect, provider == Flux2Providers.Replicate ? "create" : "submit"));
        Assert.Equal(cancels, harness.Simulator.Counters.Get(dialect, "cancel"));
        Assert.DoesNotContain(AdapterHarness.ApiKey, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Flux2Providers.Together, "together")]
    [InlineData(Flux2Providers.Segmind, "segmind")]
    [InlineData(Flux2Providers.AimlApi, "aiml")]
    public async Task ASyncGenerationThatNeverAnswers_EndsAtTotalTimeout_AsAnUnknownOutcome(string provider, string dialect)
    {
        using var harness = Harness(provider, dialect);
        harness.Simulator.Options.Latency = TimeSpan.FromMinutes(5);

        var error = await Assert.ThrowsAnyAsync<Flux2Exception>(() => harness.Client.GenerateAsync(Request()));

        Assert.Equal(Flux2ErrorKind.Timeout, error.Kind);
        Assert.Contains($"Flux2:Providers:{provider}:TotalTimeout", error.Message, StringComparison.Ordinal);
        Assert.Contains("may still be billed; it was not sent again", error.Message, StringComparison.Ordinal);
        Assert.True(error.OutcomeUnknown);
        Assert.Equal(1, harness.Simulator.Counters.Get(dialect, "generate"));
    }

    [Fact]
    public async Task ACallWaitingForASlot_EndsAtTotalTimeout_WithNothingSent()
    {
        using var harness = Harness(Flux2Providers.Bfl, "bfl", p => p.MaxConcurrency = 1);
        var limiter = harness.Services.GetRequiredService<IFlux2ProviderLimiter>();
        IAsyncDisposable busy = await limiter.AcquireAsync(Flux2Providers.Bfl, 1);
        await using (busy)
        {
            var error = await Assert.ThrowsAnyAsync<Flux2Exception>(() => harness.Client.GenerateAsync(Request()));

            Assert.Equal(Flux2ErrorKind.Timeout, error.Kind);
            Assert.True(error.Message.Contains("Nothing was sent to bfl.", StringComparison.Ordinal), error.Message);
            Assert.False(error.OutcomeUnknown);
            Assert.Equal(0, harness.Simulator.Counters.Get("bfl", "submit"));
        }
    }

    [Fact]
    public async Task AReplicateCreate_IsHeldOpenOnlyUntilASecondBeforeTheDeadline_AndAsksReplicateToCancelAtTheDeadline()
    {
        using var harness = Harness(Flux2Providers.Replicate, "replicate", p => p.TotalTimeout = TimeSpan.FromSeconds(30));

        await harness.Client.GenerateAsync(Request());

        var create = harness.Recorder.Requests.Single(r => r.Method == HttpMethod.Post);
        Assert.Equal("wait=20", create.Headers["Prefer"]);
        Assert.Matches("^(29|30)s$", create.Headers["Cancel-After"]);
    }

    [Fact]
    public async Task AResultCarriesItsDeadline_TotalTimeoutFromTheStartOfTheCall()
    {
        TimeSpan total = TimeSpan.FromMinutes(1);
        using var harness = Harness(Flux2Providers.Fal, "fal-queue", p => p.TotalTimeout = total);
        DateTimeOffset before = DateTimeOffset.UtcNow;

        Flux2ImageResult result = await harness.Client.GenerateAsync(Request());

        Assert.NotNull(result.Deadline);
        Assert.InRange(result.Deadline!.Value, before + total, DateTimeOffset.UtcNow + total);
    }

    private AdapterHarness Harness(string provider, string dialect, Action<Flux2ProviderOptions>? configure = null) =>
        AdapterHarness.Create(fixture.Server, provider, dialect == "fal-queue" ? "fal" : dialect, p =>
        {
            p.TotalTimeout = Total;
            p.AttemptTimeout = TimeSpan.FromSeconds(30);
            if (provider == Flux2Providers.Fal)
            {
                p.QueueBaseUrl = fixture.Server.DialectUrl("fal-queue");
            }

            configure?.Invoke(p);
        });

    private static Flux2ImageRequest Request() => new() { Prompt = "a glass of water on a table", Model = Flux2Models.Pro, Size = "512x512", Seed = 21 };
}
