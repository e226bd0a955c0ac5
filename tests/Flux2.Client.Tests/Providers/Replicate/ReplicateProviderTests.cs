using System.Text.Json;
using Flux2.Simulator;

namespace Flux2.Client.Tests.Providers.Replicate;

public sealed class ReplicateProviderTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    private static Flux2ImageRequest Request(string model = Flux2Models.Pro, string size = "512x512") => new()
    {
        Prompt = "a lighthouse at dusk",
        Model = model,
        Size = size,
        Seed = 11,
    };

    private static JsonElement Input(AdapterHarness harness)
    {
        var create = harness.Recorder.Requests.First(r => r.Method == HttpMethod.Post);
        using var document = JsonDocument.Parse(create.Body!);
        return document.RootElement.GetProperty("input").Clone();
    }

    [Fact]
    public async Task Generate_WithSingleUrlOutput_ReturnsImageExpiringInAboutAnHour()
    {
        using var harness = AdapterHarness.Create(fixture.Server, Flux2Providers.Replicate, "replicate");

        Flux2ImageResult result = await harness.Client.GenerateAsync(Request());

        Flux2Image image = Assert.Single(result.Images);
        Assert.NotNull(image.Url);
        Assert.InRange(image.ExpiresAt!.Value, DateTimeOffset.UtcNow.AddMinutes(55), DateTimeOffset.UtcNow.AddMinutes(61));
        Assert.Equal(11, result.Seed);
        Assert.NotNull(result.RequestId);
        Assert.Equal(1, harness.Simulator.Counters.Get("replicate", "create"));
        var create = harness.Recorder.Requests.Single(r => r.Method == HttpMethod.Post);
        Assert.EndsWith("/v1/models/black-forest-labs/flux-2-pro/predictions", create.Uri.AbsolutePath, StringComparison.Ordinal);
        Assert.StartsWith("wait=", create.Headers["Prefer"], StringComparison.Ordinal);
        Assert.Equal("Bearer " + AdapterHarness.ApiKey, create.Headers["Authorization"]);
    }

    [Fact]
    public async Task Generate_WithArrayOutput_ReturnsEveryImage()
    {
        using var harness = AdapterHarness.Create(fixture.Server, Flux2Providers.Replicate, "replicate");

        Flux2ImageResult result = await harness.Client.GenerateAsync(Request(Flux2Models.Klein4B));

        Assert.NotEmpty(result.Images);
        Assert.All(result.Images, image => Assert.NotNull(image.Url));
    }

    [Fact]
    public async Task Generate_WhenPredictionOutlastsPreferWait_FollowsUrlsGet()
    {
        using var harness = AdapterHarness.Create(fixture.Server, Flux2Providers.Replicate, "replicate", p => p.AttemptTimeout = TimeSpan.FromSeconds(11));
        harness.Simulator.Options.Latency = TimeSpan.FromMilliseconds(1600);
        var progress = new RecordingProgress();

        Flux2ImageResult result = await harness.Client.GenerateAsync(Request().WithProgress(progress));

        Assert.Single(result.Images);
        Assert.Equal("wait=1", harness.Recorder.Requests.First(r => r.Method == HttpMethod.Post).Headers["Prefer"]);
        Assert.True(harness.Simulator.Counters.Get("replicate", "get") >= 1);
        Assert.Contains(progress.Reports, p => p.Status is Flux2ProgressStatus.Queued or Flux2ProgressStatus.Running);
    }

    [Fact]
    public async Task Generate_WhenCancelled_CancelsThePredictionThroughUrlsCancel()
    {
        using var harness = AdapterHarness.Create(fixture.Server, Flux2Providers.Replicate, "replicate", p => p.AttemptTimeout = TimeSpan.FromSeconds(11));
        harness.Simulator.Options.Latency = TimeSpan.FromSeconds(20);
        using var cts = new CancellationTokenSource();
        var progress = new CallbackProgress(p =>
        {
            if (p.RequestId is not null)
            {
                cts.CancelAfter(TimeSpan.FromMilliseconds(100));
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => harness.Client.GenerateAsync(Request().WithProgress(progress), cts.Token));

        Assert.Equal(1, harness.Simulator.Counters.Get("replicate", "cancel"));
        var cancel = harness.Recorder.Requests.Single(r => r.Uri.AbsolutePath.EndsWith("/cancel", StringComparison.Ordinal));
        Assert.Equal(HttpMethod.Post, cancel.Method);
        Assert.Contains(harness.Simulator.Jobs, job => job.Dialect == "replicate" && job.Cancelled);
    }

    [Fact]
    public async Task Generate_WhenPredictionIsCanceledElsewhere_ThrowsCancelledKind()
    {
        using var harness = AdapterHarness.Create(fixture.Server, Flux2Providers.Replicate, "replicate", p => p.AttemptTimeout = TimeSpan.FromSeconds(11));
        harness.Simulator.Options.Latency = TimeSpan.FromSeconds(20);
        using var http = new HttpClient();
        var progress = new CallbackProgress(p =>
        {
            if (p.RequestId is { } id)
            {
                using var cancel = new HttpRequestMessage(HttpMethod.Post, $"{harness.Simulator.DialectUrl("replicate")}/v1/predictions/{id}/cancel");
                cancel.Headers.TryAddWithoutValidation("Authorization", "Bearer someone-else");
                http.Send(cancel).Dispose();
            }
        });

        var error = await Assert.ThrowsAnyAsync<Flux2Exception>(() => harness.Client.GenerateAsync(Request().WithProgress(progress)));

        Assert.Equal(Flux2ErrorKind.Cancelled, error.Kind);
        Assert.Contains(error.ProviderErrorType, new[] { "canceled", "aborted" });
    }

    [Fact]
    public async Task Generate_WhenPredictionFlaggedSensitive_ThrowsContentFiltered()
    {
        using var harness = AdapterHarness.Create(fixture.Server, Flux2Providers.Replicate, "replicate");
        harness.Simulator.Faults.Add("replicate", "create", SimulatorFaultKind.ContentPolicy);

        var error = await Assert.ThrowsAsync<Flux2ContentFilteredException>(() => harness.Client.GenerateAsync(Request()));

        Assert.Contains("sensitive", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(SimulatorFaultKind.Unauthorized, "create", Flux2ErrorKind.Authentication)]
    [InlineData(SimulatorFaultKind.PaymentRequired, "create", Flux2ErrorKind.InsufficientCredits)]
    [InlineData(SimulatorFaultKind.CreditsExhausted, "create", Flux2ErrorKind.InsufficientCredits)]
    [InlineData(SimulatorFaultKind.Validation, "create", Flux2ErrorKind.ProviderValidation)]
    [InlineData(SimulatorFaultKind.RateLimited, "create", Flux2ErrorKind.RateLimited)]
    [InlineData(SimulatorFaultKind.ServerError, "create", Flux2ErrorKind.ProviderUnavailable)]
    [InlineData(SimulatorFaultKind.Unavailable, "create", Flux2ErrorKind.ProviderUnavailable)]
    [InlineData(SimulatorFaultKind.MalformedJson, "create", Flux2ErrorKind.MalformedResponse)]
    [InlineData(SimulatorFaultKind.JobFailed, "create", Flux2ErrorKind.JobFailed)]
    [InlineData(SimulatorFaultKind.EmptyImages, "create", Flux2ErrorKind.EmptyResult)]
    [InlineData(SimulatorFaultKind.DropConnection, "create", Flux2ErrorKind.Network)]
    public async Task Generate_WithInjectedFault_ThrowsTypedError(SimulatorFaultKind fault, string operation, Flux2ErrorKind expected)
    {
        using var harness = AdapterHarness.Create(fixture.Server, Flux2Providers.Replicate, "replicate");

        await harness.AssertTypedFaultAsync(operation, fault, expected, Request());
    }

    [Fact]
    public async Task Generate_WhenThrottledOnce_RetriesAfterRetryAfterAndSucceeds()
    {
        // Replicate answers 429 with Retry-After; on a fake clock the create is sent again only once that wait has passed.
        var time = new TimerWatchingTimeProvider();
        using var harness = AdapterHarness.Create(fixture.Server, Flux2Providers.Replicate, "replicate", time: time);
        harness.Simulator.Faults.Add("replicate", "create", SimulatorFaultKind.RateLimited, times: 1, retryAfter: TimeSpan.FromMilliseconds(1500));

        Task<Flux2ImageResult> call = harness.Client.GenerateAsync(Request());
        await time.AdvanceThroughWaitAsync(TimeSpan.FromMilliseconds(1500), TimeSpan.FromMilliseconds(2000),
            () => Assert.Equal(1, harness.Simulator.Counters.Get("replicate", "create")), "the retry after the 429's Retry-After");
        Flux2ImageResult result = await call.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Single(result.Images);
        Assert.Equal(2, harness.Simulator.Counters.Get("replicate", "create"));
    }

    [Fact]
    public async Task Generate_SendsCustomSizeJpgAndToleranceOnReplicateScale()
    {
        using var harness = AdapterHarness.Create(fixture.Server, Flux2Providers.Replicate, "replicate");
        Flux2ImageRequest request = Request(size: "640x384");
        request.OutputFormat = "jpeg";
        request.SafetyTolerance = 0;
        request.ReferenceImages = ["https://example.com/ref.png"];

        Flux2ImageResult result = await harness.Client.GenerateAsync(request);

        JsonElement input = Input(harness);
        Assert.Equal("custom", input.GetProperty("aspect_ratio").GetString());
        Assert.Equal(640, input.GetProperty("width").GetInt32());
        Assert.Equal(384, input.GetProperty("height").GetInt32());
        Assert.Equal("jpg", input.GetProperty("output_format").GetString());
        Assert.Equal(1, input.GetProperty("safety_tolerance").GetInt32());
        Assert.Equal("https://example.com/ref.png", input.GetProperty("input_images")[0].GetString());
        Assert.Equal("image/jpeg", Assert.Single(result.Images).ContentType);
    }

    [Theory]
    [InlineData(1024, 1024, "1:1", "1 MP", null, null)]
    [InlineData(2048, 2048, "1:1", "4 MP", null, null)]
    [InlineData(1448, 1448, "1:1", "2 MP", null, null)]
    [InlineData(1344, 768, "custom", null, 1344, 768)]
    [InlineData(1152, 864, "custom", null, 1152, 864)]
    [InlineData(512, 512, "custom", null, 512, 512)]
    [InlineData(1000, 700, "custom", null, 992, 704)]
    [InlineData(100, 3000, "custom", null, 256, 2048)]
    public void SizeMapping_PicksRatioAndResolutionOnlyWhenItReproducesThePixels(int width, int height, string aspect, string? resolution, int? customWidth, int? customHeight)
    {
        ReplicateSize size = ReplicateSizes.Map(width, height, ReplicateModels.All.Single(r => r.Model == Flux2Models.Pro));

        Assert.Equal(aspect, size.AspectRatio);
        Assert.Equal(resolution, size.Resolution);
        Assert.Equal(customWidth, size.Width);
        Assert.Equal(customHeight, size.Height);
        Assert.Equal(customWidth is not null && (customWidth != width || customHeight != height), size.Warning is not null);
    }

    [Theory]
    [InlineData("jpeg", "jpg")]
    [InlineData("JPG", "jpg")]
    [InlineData("png", "png")]
    [InlineData("webp", "webp")]
    public void WireFormat_MapsJpegToJpg(string format, string expected) => Assert.Equal(expected, ReplicateProvider.WireFormat(format));

    [Theory]
    [InlineData(60, 50)]
    [InlineData(30, 20)]
    [InlineData(5, 1)]
    [InlineData(600, 60)]
    public void PreferWait_StaysInsideTheAttemptTimeout(int attemptSeconds, int expected) =>
        Assert.Equal(expected, ReplicateProvider.PreferWaitSeconds(TimeSpan.FromSeconds(attemptSeconds)));

    [Theory]
    [InlineData(60, 30.0, 29)]
    [InlineData(60, 2.5, 1)]
    [InlineData(60, 1.5, null)]
    [InlineData(1.5, 600.0, null)]
    public void PreferWait_EndsASecondBeforeTheCallsDeadline(double attemptSeconds, double leftSeconds, int? expected) =>
        Assert.Equal(expected, ReplicateProvider.PreferWaitSeconds(TimeSpan.FromSeconds(attemptSeconds), TimeSpan.FromSeconds(leftSeconds)));

    [Theory]
    [InlineData(600.0, "600s")]
    [InlineData(7.2, "8s")]
    [InlineData(4.0, null)]
    [InlineData(null, null)]
    public void CancelAfter_HandsReplicateTheTimeLeft(double? leftSeconds, string? expected) =>
        Assert.Equal(expected, ReplicateProvider.CancelAfter(leftSeconds is { } s ? TimeSpan.FromSeconds(s) : null));

    [Theory]
    [InlineData("Using seed: 42\nGenerating image...", 42L)]
    [InlineData("no seed here", null)]
    [InlineData(null, null)]
    public void SeedFromLogs_ReadsTheSeedTheModelPrinted(string? logs, long? expected) => Assert.Equal(expected, ReplicateProvider.SeedFromLogs(logs));

    [Theory]
    [InlineData("\"https://x/a.webp\"", 1)]
    [InlineData("[\"https://x/a.webp\",\"https://x/b.webp\"]", 2)]
    [InlineData("[]", 0)]
    [InlineData("null", 0)]
    public void OutputUrls_AcceptsStringOrArray(string json, int expected)
    {
        using var document = JsonDocument.Parse(json);

        Assert.Equal(expected, ReplicateProvider.OutputUrls(document.RootElement.Clone()).Count);
    }

    private sealed class CallbackProgress(Action<Flux2Progress> callback) : IProgress<Flux2Progress>
    {
        public void Report(Flux2Progress value) => callback(value);
    }
}
