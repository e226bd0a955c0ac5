using Flux2.Client.Tests.Providers;
using Flux2.Simulator;

namespace Flux2.Client.Tests.Http;

/// <summary>
/// What each provider's paid request does after an error answer, over real HTTP: sent again only after the statuses its documentation
/// names as safe (its <c>*Errors.Rules</c>), never after a time-out; and the message counts the attempts actually made.
/// </summary>
public sealed class SubmitRetryRulesTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    private const int MaxRetries = 2;

    public static TheoryData<string, string, string, bool> Providers => new()
    {
        // provider, simulator dialect, paid operation, whether a 500 is sent again (the provider documents it as safe)
        { Flux2Providers.Fal, "fal-queue", "submit", true },
        { Flux2Providers.Bfl, "bfl", "submit", true },
        { Flux2Providers.Replicate, "replicate", "create", false },
        { Flux2Providers.Together, "together", "generate", true },
        { Flux2Providers.AimlApi, "aiml", "generate", true },
        { Flux2Providers.Segmind, "segmind", "generate", true },
        { Flux2Providers.OpenAI, "aiml", "generate", false },
    };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A500OnThePaidRequest_IsSentAgainOnlyWhereTheProviderDocumentsIt_AndTheMessageCountsTheAttempts(string provider, string dialect, string operation, bool repeats)
    {
        using var harness = Harness(provider, dialect);
        harness.Simulator.Faults.Add(dialect, operation, SimulatorFaultKind.ServerError, times: 20);

        var error = await Assert.ThrowsAnyAsync<Flux2Exception>(() => harness.Client.GenerateAsync(Request()));

        int expected = repeats ? MaxRetries + 1 : 1;
        Assert.Equal(Flux2ErrorKind.ProviderUnavailable, error.Kind);
        Assert.Equal(expected, harness.Simulator.Counters.Get(dialect, operation));
        Assert.Contains(expected == 1 ? "after 1 attempt" : $"after {expected} attempts", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("also after retries", error.Message, StringComparison.Ordinal);
        Assert.False(error.OutcomeUnknown);
        if (!repeats)
        {
            Assert.Contains("a paid request is sent again only after 429, 502 or 503", error.Message, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(AdapterHarness.ApiKey, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A503OnThePaidRequest_IsSentAgainEverywhere_AndOneIsRecovered(string provider, string dialect, string operation, bool repeats)
    {
        _ = repeats;
        using var harness = Harness(provider, dialect);
        harness.Simulator.Faults.Add(dialect, operation, SimulatorFaultKind.Unavailable, times: 1, retryAfter: TimeSpan.FromMilliseconds(10));

        Flux2ImageResult result = await harness.Client.GenerateAsync(Request());

        Assert.NotEmpty(result.Images);
        Assert.Equal(2, harness.Simulator.Counters.Get(dialect, operation));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AHungPaidRequest_IsCutAtTheAttemptTimeout_AndNeverSentAgain(string provider, string dialect, string operation, bool repeats)
    {
        _ = repeats;
        using var harness = Harness(provider, dialect, p => p.AttemptTimeout = TimeSpan.FromMilliseconds(400));
        harness.Simulator.Faults.Add(dialect, operation, SimulatorFaultKind.Hang, times: 5);

        var error = await Assert.ThrowsAnyAsync<Flux2Exception>(() => harness.Client.GenerateAsync(Request()));

        Assert.Equal(Flux2ErrorKind.Timeout, error.Kind);
        Assert.True(error.OutcomeUnknown);
        Assert.Equal(1, harness.Simulator.Counters.Get(dialect, operation));
    }

    private AdapterHarness Harness(string provider, string dialect, Action<Flux2ProviderOptions>? configure = null) =>
        AdapterHarness.Create(fixture.Server, provider, dialect == "fal-queue" ? "fal" : dialect, p =>
        {
            p.MaxRetries = MaxRetries;
            if (provider == Flux2Providers.Fal)
            {
                p.QueueBaseUrl = fixture.Server.DialectUrl("fal-queue");
            }

            configure?.Invoke(p);
        });

    private static Flux2ImageRequest Request() => new() { Prompt = "a lighthouse at dusk", Model = Flux2Models.Pro, Size = "512x512", Seed = 11 };
}
