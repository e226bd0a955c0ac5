using Moq;

namespace Flux2.Client.Tests.Pipeline;

public sealed class FailoverFlux2ClientTests
{
    private readonly Mock<IFlux2Client> _inner = new(MockBehavior.Strict);

    private FailoverFlux2Client Layer(params string[] providers) => new(_inner.Object, providers);

    private void FailsWith(string provider, Flux2Exception error) =>
        _inner.Setup(c => c.GenerateAsync(It.Is<Flux2ImageRequest>(r => r.Provider == provider), It.IsAny<CancellationToken>())).ThrowsAsync(error);

    private void Serves(string provider) =>
        _inner.Setup(c => c.GenerateAsync(It.Is<Flux2ImageRequest>(r => r.Provider == provider), It.IsAny<CancellationToken>())).ReturnsAsync(PipelineFakes.Result(provider));

    private void Plans(string provider, bool simulated = false) =>
        _inner.Setup(c => c.EstimateAsync(It.Is<Flux2ImageRequest>(r => r.Provider == provider), It.IsAny<CancellationToken>())).ReturnsAsync(PipelineFakes.Estimate(provider, simulated: simulated));

    [Fact]
    public async Task AnOutage_MovesToTheNextProviderThatCanServe_AndTheWarningsSaySo()
    {
        FailsWith("fal", PipelineFakes.Outage("fal"));
        Plans("bfl");
        Serves("bfl");

        Flux2ImageResult result = await Layer("bfl").GenerateAsync(PipelineFakes.Request("fal"));

        Assert.Equal("bfl", result.Provider);
        Assert.StartsWith("fal failed (ProviderUnavailable: fal failed (503).); served by bfl instead.", result.Warnings[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACandidateThatCannotPlanTheRequest_IsSkipped_WithoutBeingSentAnything()
    {
        FailsWith("fal", PipelineFakes.Outage("fal"));
        _inner.Setup(c => c.EstimateAsync(It.Is<Flux2ImageRequest>(r => r.Provider == "together"), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new Flux2Exception(Flux2ErrorKind.MissingApiKey, "No API key is configured for together.") { Provider = "together" });
        Plans("replicate", simulated: true);
        Plans("bfl");
        Serves("bfl");

        Flux2ImageResult result = await Layer("together", "replicate", "bfl").GenerateAsync(PipelineFakes.Request("fal"));

        Assert.Equal("bfl", result.Provider);
        _inner.Verify(c => c.GenerateAsync(It.Is<Flux2ImageRequest>(r => r.Provider == "together" || r.Provider == "replicate"), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task EveryCandidateDown_ThrowsTheLastOutage_AfterTryingEachOnce()
    {
        FailsWith("fal", PipelineFakes.Outage("fal"));
        Plans("bfl");
        FailsWith("bfl", PipelineFakes.Outage("bfl"));

        var error = await Assert.ThrowsAsync<Flux2Exception>(() => Layer("fal", "bfl").GenerateAsync(PipelineFakes.Request("fal")));

        Assert.Equal("bfl", error.Provider);
        _inner.Verify(c => c.GenerateAsync(It.IsAny<Flux2ImageRequest>(), It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    public static TheoryData<Flux2Exception> ErrorsThatStay => new()
    {
        new Flux2Exception(Flux2ErrorKind.Timeout, "fal did not answer the submit.") { Provider = "fal", OutcomeUnknown = true },
        new Flux2ContentFilteredException("filtered", ["nsfw"]) { Provider = "fal" },
        new Flux2Exception(Flux2ErrorKind.ProviderValidation, "fal rejected the request (422).") { Provider = "fal" },
        new Flux2Exception(Flux2ErrorKind.Authentication, "fal rejected the key (401).") { Provider = "fal" },
        new Flux2Exception(Flux2ErrorKind.RateLimited, "fal is rate limiting (429).") { Provider = "fal" },
    };

    [Theory]
    [MemberData(nameof(ErrorsThatStay))]
    public async Task ARefusalOrAJobThatMayHaveStarted_NeverMoves(Flux2Exception failure)
    {
        FailsWith("fal", failure);

        var error = await Assert.ThrowsAnyAsync<Flux2Exception>(() => Layer("bfl").GenerateAsync(PipelineFakes.Request("fal")));

        Assert.Same(failure, error);
        _inner.Verify(c => c.EstimateAsync(It.IsAny<Flux2ImageRequest>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task WithoutAList_ThisLayerOnlyForwards()
    {
        var request = PipelineFakes.Request("fal");
        var result = PipelineFakes.Result("fal");
        _inner.Setup(c => c.GenerateAsync(request, It.IsAny<CancellationToken>())).ReturnsAsync(result);

        Assert.Same(result, await Layer().GenerateAsync(request));
    }

    [Fact]
    public async Task TheCandidateRequest_IsACopy_KeepingTheCallersProgressAndLeavingTheirRequestAlone()
    {
        var progress = new RecordingProgress();
        var request = PipelineFakes.Request("fal");
        request.Progress = progress;
        FailsWith("fal", PipelineFakes.Outage("fal"));
        Plans("bfl");
        Flux2ImageRequest? sent = null;
        _inner.Setup(c => c.GenerateAsync(It.Is<Flux2ImageRequest>(r => r.Provider == "bfl"), It.IsAny<CancellationToken>()))
            .Callback((Flux2ImageRequest r, CancellationToken _) => sent = r)
            .ReturnsAsync(PipelineFakes.Result("bfl"));

        await Layer("bfl").GenerateAsync(request);

        Assert.Equal("fal", request.Provider);
        Assert.Same(progress, sent!.Progress);
        Assert.Equal(request.Prompt, sent.Prompt);
    }
}
