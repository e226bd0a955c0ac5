using System.Net;
using Polly;
using Polly.Timeout;

namespace Flux2.Client.Tests.Http;

/// <summary>The pipeline's retry decision on its own: idempotent requests on transient answers; paid ones only after what the provider's rules allow.</summary>
public sealed class RetryDecisionTests
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(429, true)]
    [InlineData(500, true)]
    [InlineData(502, true)]
    [InlineData(503, true)]
    [InlineData(504, false)]
    [InlineData(408, false)]
    [InlineData(400, false)]
    [InlineData(422, false)]
    public void APaidRequest_FollowsTheProvidersRules_AndNeverRepeatsATimeout(int status, bool expected)
    {
        var rules = new Flux2ProviderRules([429, 500, 502, 503, 504, 408], "test rules that wrongly list time-outs");

        Assert.Equal(expected, Decide(status, Flux2RetryMode.NotIdempotent, rules));
    }

    [Theory]
    [InlineData(429, true)]
    [InlineData(500, false)]
    [InlineData(502, true)]
    [InlineData(503, true)]
    public void APaidRequestWithoutRules_IsRepeatedOnlyAfterTheConservativeStatuses(int status, bool expected) =>
        Assert.Equal(expected, Decide(status, Flux2RetryMode.NotIdempotent, rules: null));

    [Theory]
    [InlineData(408, true)]
    [InlineData(429, true)]
    [InlineData(500, true)]
    [InlineData(504, true)]
    [InlineData(501, false)]
    [InlineData(404, false)]
    public void AnIdempotentRequest_IsRepeatedOnTransientAnswers(int status, bool expected) =>
        Assert.Equal(expected, Decide(status, Flux2RetryMode.Idempotent, rules: null));

    [Fact]
    public void AnAttemptTimeout_IsRepeatedForAPollButNotForAPaidRequest()
    {
        Assert.True(DecideException(new TimeoutRejectedException(), Flux2RetryMode.Idempotent));
        Assert.False(DecideException(new TimeoutRejectedException(), Flux2RetryMode.NotIdempotent));
    }

    [Fact]
    public void AConnectionDroppedMidRequest_IsNotRepeatedForAPaidRequest_ButARefusedConnectionIs()
    {
        Assert.False(DecideException(new HttpRequestException(HttpRequestError.ResponseEnded), Flux2RetryMode.NotIdempotent));
        Assert.True(DecideException(new HttpRequestException(HttpRequestError.ConnectionError), Flux2RetryMode.NotIdempotent));
    }

    [Fact]
    public void EveryProvidersRules_NameTheirSource_AndOnlyBflSaysItCannotCancel()
    {
        Flux2ProviderRules[] all = [FalErrors.Rules, BflErrors.Rules, ReplicateErrors.Rules, TogetherErrors.Rules, SegmindErrors.Rules, OpenAICompatibleErrors.AimlApiRules, Flux2ProviderRules.Conservative];
        Assert.All(all, rules => Assert.False(string.IsNullOrWhiteSpace(rules.Source)));
        Assert.All(all, rules => Assert.False(rules.Repeats(504)));
        Assert.Equal("BFL's API has no cancel endpoint", BflErrors.Rules.NoCancel);
        Assert.Single(all, rules => rules.NoCancel is not null);
        Assert.Equal("429, 500, 502 or 503", FalErrors.Rules.Describe());
    }

    private static bool Decide(int status, Flux2RetryMode mode, Flux2ProviderRules? rules)
    {
        using var request = Request(mode, rules);
        using var response = new HttpResponseMessage((HttpStatusCode)status) { RequestMessage = request };
        return Flux2Resilience.ShouldRetry(Outcome.FromResult(response), Context(request), MaxDelay, TimeProvider.System);
    }

    private static bool DecideException(Exception exception, Flux2RetryMode mode)
    {
        using var request = Request(mode, rules: null);
        return Flux2Resilience.ShouldRetry(Outcome.FromException<HttpResponseMessage>(exception), Context(request), MaxDelay, TimeProvider.System);
    }

    private static HttpRequestMessage Request(Flux2RetryMode mode, Flux2ProviderRules? rules)
    {
        var request = new HttpRequestMessage(mode == Flux2RetryMode.NotIdempotent ? HttpMethod.Post : HttpMethod.Get, "https://provider.example/v1/x");
        request.Options.Set(Flux2Http.RetryMode, mode);
        if (rules is not null)
        {
            request.Options.Set(Flux2Http.Rules, rules);
        }

        return request;
    }

    private static ResilienceContext Context(HttpRequestMessage request)
    {
        ResilienceContext context = ResilienceContextPool.Shared.Get();
        context.SetRequestMessage(request);
        return context;
    }
}
