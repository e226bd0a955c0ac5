using Flux2.Simulator;

namespace Flux2.Client.Tests.Providers.Bfl;

public sealed class BflProviderTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    private static Flux2ImageRequest Request(string model = Flux2Models.Pro) => new()
    {
        Prompt = "a red fox in the snow",
        Model = model,
        Size = "256x256",
        Seed = 7,
    };

    [Fact]
    public async Task Generate_ReturnsExpiringSampleUrlWithCreditsCostAndSeed()
    {
        using var harness = AdapterHarness.Create(fixture.Server, Flux2Providers.Bfl, "bfl");

        Flux2ImageResult result = await harness.Client.GenerateAsync(Request());

        Flux2Image image = Assert.Single(result.Images);
        Assert.NotNull(image.Url);
        Assert.Equal((256, 256), (image.Width, image.Height));
        Assert.NotNull(image.ExpiresAt);
        Assert.InRange(image.ExpiresAt!.Value, DateTimeOffset.UtcNow.AddMinutes(5), DateTimeOffset.UtcNow.AddMinutes(11));
        Assert.Equal(7, result.Seed);
        Assert.NotNull(result.RequestId);
        // BFL's published price for flux-2-pro: 3 credits for the first megapixel (256x256 is within it); 1 credit = $0.01.
        Assert.Equal("3 credits", result.Cost.ProviderReported);
        Assert.Equal(0.03m, result.Cost.ActualUsd);
        Assert.Equal(1, harness.Simulator.Counters.Get("bfl", "submit"));
    }

    [Fact]
    public async Task Generate_PollsThePollingUrlExactlyAsReturned_EvenOnAnotherHost()
    {
        using var harness = AdapterHarness.Create(fixture.Server, Flux2Providers.Bfl, "bfl");

        await harness.Client.GenerateAsync(Request());

        string submitHost = harness.Simulator.BaseUrl.Host;
        var polls = harness.Recorder.Requests.Where(r => r.Method == HttpMethod.Get).ToList();
        Assert.NotEmpty(polls);
        Assert.All(polls, poll =>
        {
            Assert.NotEqual(submitHost, poll.Uri.Host);
            Assert.Contains("get_result", poll.Uri.AbsolutePath, StringComparison.Ordinal);
            Assert.Equal(AdapterHarness.ApiKey, poll.Headers["x-key"]);
        });
    }

    [Fact]
    public async Task Generate_SendsBflFieldsAndReferenceImagesAsNumberedInputs()
    {
        using var harness = AdapterHarness.Create(fixture.Server, Flux2Providers.Bfl, "bfl");
        Flux2ImageRequest request = Request(Flux2Models.Flex);
        request.Steps = 12;
        request.GuidanceScale = 4;
        request.OutputFormat = "png";
        request.SafetyTolerance = 6;
        request.ReferenceImages = ["https://example.com/a.png", "https://example.com/b.png"];

        Flux2ImageResult result = await harness.Client.GenerateAsync(request);

        var submit = harness.Recorder.Requests.Single(r => r.Method == HttpMethod.Post);
        Assert.EndsWith("/bfl/v1/flux-2-flex", submit.Uri.AbsolutePath, StringComparison.Ordinal);
        using var body = System.Text.Json.JsonDocument.Parse(submit.Body!);
        var root = body.RootElement;
        Assert.Equal(12, root.GetProperty("steps").GetInt32());
        Assert.Equal(4, root.GetProperty("guidance").GetDouble());
        Assert.Equal("png", root.GetProperty("output_format").GetString());
        Assert.Equal(5, root.GetProperty("safety_tolerance").GetInt32());
        Assert.Equal("https://example.com/a.png", root.GetProperty("input_image").GetString());
        Assert.Equal("https://example.com/b.png", root.GetProperty("input_image_2").GetString());
        Assert.Equal("image/png", Assert.Single(result.Images).ContentType);
        Assert.Contains(result.Warnings, w => w.Contains("safety_tolerance", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Generate_ReportsPendingProgressFractions()
    {
        using var harness = AdapterHarness.Create(fixture.Server, Flux2Providers.Bfl, "bfl");
        harness.Simulator.Options.Latency = TimeSpan.FromMilliseconds(400);
        var progress = new RecordingProgress();

        await harness.Client.GenerateAsync(Request().WithProgress(progress));

        Assert.Contains(progress.Reports, p => p.Fraction is > 0 and < 1);
        Assert.Equal(Flux2ProgressStatus.Completed, progress.Reports[^1].Status);
        Assert.All(progress.Reports, p => Assert.Equal(Flux2Providers.Bfl, p.Provider));
    }

    [Theory]
    [InlineData(SimulatorFaultKind.Unauthorized, "submit", Flux2ErrorKind.Authentication)]
    [InlineData(SimulatorFaultKind.PaymentRequired, "submit", Flux2ErrorKind.InsufficientCredits)]
    [InlineData(SimulatorFaultKind.CreditsExhausted, "submit", Flux2ErrorKind.InsufficientCredits)]
    [InlineData(SimulatorFaultKind.Validation, "submit", Flux2ErrorKind.ProviderValidation)]
    [InlineData(SimulatorFaultKind.RateLimited, "submit", Flux2ErrorKind.RateLimited)]
    [InlineData(SimulatorFaultKind.ServerError, "submit", Flux2ErrorKind.ProviderUnavailable)]
    [InlineData(SimulatorFaultKind.BadGateway, "submit", Flux2ErrorKind.ProviderUnavailable)]
    [InlineData(SimulatorFaultKind.Unavailable, "submit", Flux2ErrorKind.ProviderUnavailable)]
    [InlineData(SimulatorFaultKind.MalformedJson, "submit", Flux2ErrorKind.MalformedResponse)]
    [InlineData(SimulatorFaultKind.MalformedJson, "poll", Flux2ErrorKind.MalformedResponse)]
    [InlineData(SimulatorFaultKind.JobFailed, "submit", Flux2ErrorKind.JobFailed)]
    [InlineData(SimulatorFaultKind.EmptyImages, "submit", Flux2ErrorKind.EmptyResult)]
    [InlineData(SimulatorFaultKind.DropConnection, "submit", Flux2ErrorKind.Network)]
    public async Task Generate_WithInjectedFault_ThrowsTypedError(SimulatorFaultKind fault, string operation, Flux2ErrorKind expected)
    {
        using var harness = AdapterHarness.Create(fixture.Server, Flux2Providers.Bfl, "bfl");

        await harness.AssertTypedFaultAsync(operation, fault, expected, Request());
    }

    [Fact]
    public async Task Generate_WhenSubmitConnectionDrops_DoesNotSubmitTwice()
    {
        using var harness = AdapterHarness.Create(fixture.Server, Flux2Providers.Bfl, "bfl");
        harness.Simulator.Faults.Add("bfl", "submit", SimulatorFaultKind.DropConnection);

        var error = await Assert.ThrowsAnyAsync<Flux2Exception>(() => harness.Client.GenerateAsync(Request()));

        Assert.True(error.OutcomeUnknown);
        Assert.Equal(1, harness.Simulator.Counters.Get("bfl", "submit"));
    }

    [Fact]
    public async Task Generate_WhenRequestModerated_ThrowsInputRefusedWithReasons()
    {
        using var harness = AdapterHarness.Create(fixture.Server, Flux2Providers.Bfl, "bfl");
        harness.Simulator.Faults.Add("bfl", "submit", SimulatorFaultKind.ContentPolicy);

        var error = await Assert.ThrowsAsync<Flux2ContentFilteredException>(() => harness.Client.GenerateAsync(Request()));

        Assert.True(error.InputRefused);
        Assert.Contains("Derivative Works Filter", error.Reasons);
        Assert.Equal(Flux2ErrorKind.ContentFiltered, error.Kind);
    }

    [Fact]
    public async Task Generate_WhenContentModerated_ThrowsOutputFilteredWithReasons()
    {
        using var harness = AdapterHarness.Create(fixture.Server, Flux2Providers.Bfl, "bfl");
        harness.Simulator.Faults.Add("bfl", "submit", SimulatorFaultKind.Moderated);

        var error = await Assert.ThrowsAsync<Flux2ContentFilteredException>(() => harness.Client.GenerateAsync(Request()));

        Assert.False(error.InputRefused);
        Assert.Contains("NSFW", error.Reasons);
    }

    [Fact]
    public async Task Generate_WhenSubmitHangs_TimesOutWithoutResubmitting()
    {
        using var harness = AdapterHarness.Create(fixture.Server, Flux2Providers.Bfl, "bfl", p => p.AttemptTimeout = TimeSpan.FromMilliseconds(300));
        harness.Simulator.Faults.Add("bfl", "submit", SimulatorFaultKind.Hang);

        var error = await Assert.ThrowsAnyAsync<Flux2Exception>(() => harness.Client.GenerateAsync(Request()));

        Assert.Equal(Flux2ErrorKind.Timeout, error.Kind);
        Assert.Equal(1, harness.Simulator.Counters.Get("bfl", "submit"));
    }

    [Fact]
    public async Task Generate_WhenCancelledWhilePolling_StopsPolling()
    {
        // On a fake clock a poll happens only when the test moves time past the poll delay, so "no more polls" is a fact:
        // once the call is cancelled no timer of it is left to fire, however far the clock moves.
        var time = new TimerWatchingTimeProvider();
        using var harness = AdapterHarness.Create(fixture.Server, Flux2Providers.Bfl, "bfl", time: time);
        harness.Simulator.Options.Latency = TimeSpan.FromSeconds(30);
        using var cts = new CancellationTokenSource();
        var call = harness.Client.GenerateAsync(Request(), cancellationToken: cts.Token);
        TimeSpan firstDelay = await time.WaitForTimerAsync(d => d < TimeSpan.FromSeconds(2), "the first poll delay");
        time.Advance(firstDelay);
        await harness.Simulator.WaitForCountAsync("bfl", "poll", 1);

        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);

        long polls = harness.Simulator.Counters.Get("bfl", "poll");
        Assert.Equal(0, time.ArmedTimers);
        time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(polls, harness.Simulator.Counters.Get("bfl", "poll"));
    }

    [Theory]
    [InlineData("https://delivery-eu1.bfl.ai/x/sample.jpeg?se=2030-01-01T00%3A05%3A00Z&sig=abc", "2030-01-01T00:05:00+00:00")]
    [InlineData("https://delivery-eu1.bfl.ai/x/sample.jpeg?sig=abc", "2030-01-01T00:10:00+00:00")]
    [InlineData("https://delivery-eu1.bfl.ai/x/sample.jpeg?se=not-a-date", "2030-01-01T00:10:00+00:00")]
    public void SampleExpiry_ReadsTheSignedExpiryOrAssumesTenMinutes(string url, string expected)
    {
        var now = DateTimeOffset.Parse("2030-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), BflProvider.SampleExpiry(url, now));
    }

    [Theory]
    [InlineData(Flux2Models.Pro, 8)]
    [InlineData(Flux2Models.Klein4B, 4)]
    [InlineData(Flux2Models.Klein9B, 4)]
    public void Models_LimitReferenceImagesPerModel(string model, int expected)
    {
        Assert.Equal(expected, BflModels.All.Single(r => r.Model == model).MaxReferenceImages);
    }
}
