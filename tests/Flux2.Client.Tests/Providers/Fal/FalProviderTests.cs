using Flux2.Simulator;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Flux2.Client.Tests.Providers.Fal;

public sealed class FalProviderTests
{
    private static Flux2ImageRequest Small(string model = Flux2Models.Pro, int images = 1) => new()
    {
        Prompt = "a red bicycle on a beach",
        Model = model,
        Size = model is Flux2Models.Pro or Flux2Models.Max or Flux2Models.Flex ? "256x256" : "512x512",
        NumImages = images,
        Seed = 42,
    };

    [Fact]
    public async Task Generate_InQueueMode_ReturnsImageOfRequestedSizeThroughTheStatusStream()
    {
        await using var sim = await SimulatedFal.StartAsync();
        var progress = new RecordingProgress();

        Flux2ImageResult result = await sim.Client.GenerateAsync(Small().WithProgress(progress));

        Flux2Image image = Assert.Single(result.Images);
        Assert.NotNull(image.Url);
        Assert.Equal(256, image.Width);
        Assert.Equal(256, image.Height);
        Assert.Equal("fal", result.Provider);
        Assert.Equal(Flux2Models.Pro, result.Model);
        Assert.Equal(42, result.Seed);
        Assert.False(string.IsNullOrEmpty(result.RequestId));
        Assert.False(result.Simulated);
        Assert.Equal(1, sim.Server.Counters.Get("fal-queue", "submit"));
        Assert.True(sim.Server.Counters.Get("fal-queue", "status-stream") >= 1);
        Assert.Equal(1, sim.Server.Counters.Get("fal-queue", "result"));
        Assert.Equal(0, sim.Server.Counters.Get("fal", "sync"));
        Assert.Contains(progress.Reports, p => p.Status == Flux2ProgressStatus.Queued && p.RequestId == result.RequestId);
        Assert.Equal(0.03m, result.Cost.EstimatedUsd); // fal's published price for flux-2-pro: $0.03 for the first megapixel
    }

    [Fact]
    public async Task Generate_InSyncMode_CallsFalRunOnce()
    {
        await using var sim = await SimulatedFal.StartAsync(mode: "sync");

        Flux2ImageResult result = await sim.Client.GenerateAsync(Small());

        Assert.Single(result.Images);
        Assert.Equal(1, sim.Server.Counters.Get("fal", "sync"));
        Assert.Equal(0, sim.Server.Counters.Get("fal-queue", "submit"));
    }

    [Fact]
    public async Task Generate_WithSyncModeFlag_DecodesDataUrisIntoBytes()
    {
        await using var sim = await SimulatedFal.StartAsync(mode: "sync");
        Flux2ImageRequest request = Small();
        request.OutputFormat = "png";
        request.AdditionalProperties = new AdditionalPropertiesDictionary { ["sync_mode"] = true };

        Flux2ImageResult result = await sim.Client.GenerateAsync(request);

        Flux2Image image = Assert.Single(result.Images);
        Assert.Null(image.Url);
        Assert.NotNull(image.Data);
        Assert.Equal("image/png", image.ContentType);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, image.Data.Value[..4].ToArray());
    }

    [Fact]
    public async Task Generate_WithProjectPreset_GetsTheProjectsPixelsNotFals()
    {
        await using var sim = await SimulatedFal.StartAsync(mode: "sync");
        Flux2ImageRequest request = Small(Flux2Models.Dev);
        request.Size = "landscape_16_9";

        Flux2ImageResult result = await sim.Client.GenerateAsync(request);

        Flux2Image image = Assert.Single(result.Images);
        Assert.Equal(1344, image.Width);
        Assert.Equal(768, image.Height);
    }

    [Fact]
    public async Task Generate_WithEditReferences_UsesTheEditAppAndDropsTheSubPathForStatus()
    {
        await using var sim = await SimulatedFal.StartAsync();
        Flux2ImageRequest request = Small(Flux2Models.Dev);
        request.ReferenceImages.Add("https://example.com/cat.png");

        Flux2ImageResult result = await sim.Client.GenerateAsync(request);

        Assert.Single(result.Images);
        var requests = sim.Server.Requests.Under("/fal-queue/");
        var submit = Assert.Single(requests, r => r.Method == "POST");
        Assert.Equal("/fal-queue/fal-ai/flux-2/edit", submit.Path);
        using (var body = System.Text.Json.JsonDocument.Parse(submit.Body))
        {
            Assert.Equal(["https://example.com/cat.png"], body.RootElement.GetProperty("image_urls").EnumerateArray().Select(u => u.GetString()));
        }

        Assert.Equal("fal-ai/flux-2/edit", Assert.Single(sim.Server.Jobs).Model);
        // Status and result live under the app without its /edit sub-path (fal's queue rule).
        Assert.All(requests.Where(r => r.Method == "GET"), r => Assert.StartsWith($"/fal-queue/fal-ai/flux-2/requests/{result.RequestId}", r.Path, StringComparison.Ordinal));
        Assert.Equal(1, sim.Server.Counters.Get("fal-queue", "result"));
    }

    [Fact]
    public async Task Generate_WhenTheStatusStreamFails_FallsBackToPolling()
    {
        await using var sim = await SimulatedFal.StartAsync(simulator: o => o.Latency = TimeSpan.FromMilliseconds(150));
        sim.Server.Faults.Add("fal-queue", "status-stream", SimulatorFaultKind.ServerError, times: 10);

        Flux2ImageResult result = await sim.Client.GenerateAsync(Small());

        Assert.Single(result.Images);
        Assert.True(sim.Server.Counters.Get("fal-queue", "status") >= 1);
    }

    [Fact]
    public async Task Generate_ReportsQueueAndRunningProgress()
    {
        await using var sim = await SimulatedFal.StartAsync(simulator: o => o.Latency = TimeSpan.FromMilliseconds(300));
        var progress = new RecordingProgress();

        await sim.Client.GenerateAsync(Small().WithProgress(progress));

        Assert.Contains(progress.Reports, p => p.Status == Flux2ProgressStatus.Queued);
        Assert.Contains(progress.Reports, p => p.Status is Flux2ProgressStatus.Running or Flux2ProgressStatus.Completed);
    }

    [Fact]
    public async Task Cancel_WhileTheSubmitsAnswerIsStillOnItsWay_StillCancelsTheJobItStarted()
    {
        // The job is accepted at once and runs; only the submit's answer (with its id) is late. A caller giving up then must not
        // leave a paid job running: the answer gets a moment more, and the job is cancelled.
        await using var sim = await SimulatedFal.StartAsync(simulator: o =>
        {
            o.Latency = TimeSpan.FromSeconds(20);
            o.SubmitAnswerDelay = TimeSpan.FromMilliseconds(200);
        });
        using var cts = new CancellationTokenSource();
        Task<Flux2ImageResult> running = sim.Client.GenerateAsync(Small(), cts.Token);
        await sim.Server.WaitForCountAsync("fal-queue", "submit", 1);

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        Assert.Equal(1, sim.Server.Counters.Get("fal-queue", "cancel"));
        Assert.All(sim.Server.Jobs, j => Assert.True(j.Cancelled));
    }

    [Fact]
    public async Task Cancel_WhileQueued_ReachesTheCancelEndpoint()
    {
        await using var sim = await SimulatedFal.StartAsync(simulator: o => o.Latency = TimeSpan.FromSeconds(20));
        using var cts = new CancellationTokenSource();
        var progress = new RecordingProgress();
        Task<Flux2ImageResult> running = sim.Client.GenerateAsync(Small().WithProgress(progress), cts.Token);
        await Eventually.WaitUntilAsync(() => sim.Server.Counters.Get("fal-queue", "submit") == 1 && progress.Reports.Any(p => p.RequestId is not null), "the job was submitted and its request id reported");

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        Assert.Equal(1, sim.Server.Counters.Get("fal-queue", "cancel"));
        Assert.Contains(sim.Server.Jobs, j => j.Cancelled);
    }

    [Fact]
    public async Task Nsfw_FlaggedImages_AreDroppedAndTheSafeOnesKept()
    {
        await using var sim = await SimulatedFal.StartAsync();
        sim.Server.Faults.Add("fal-queue", "submit", SimulatorFaultKind.NsfwFlagged);

        Flux2ImageResult result = await sim.Client.GenerateAsync(Small(Flux2Models.Dev, images: 3));

        Assert.Equal(2, result.Images.Count);
        Assert.NotNull(result.Moderation);
        Assert.Equal(1, result.Moderation.FilteredCount);
        Assert.Contains(result.Warnings, w => w.Contains("filtered", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Nsfw_WhenEveryImageIsFlagged_ThrowsContentFiltered()
    {
        await using var sim = await SimulatedFal.StartAsync();
        sim.Server.Faults.Add("fal-queue", "submit", SimulatorFaultKind.NsfwFlagged);

        var error = await Assert.ThrowsAsync<Flux2ContentFilteredException>(() => sim.Client.GenerateAsync(Small(Flux2Models.Dev)));

        Assert.False(error.InputRefused);
        Assert.Equal(Flux2ErrorCategory.Content, error.Category);
    }

    [Fact]
    public async Task EmptyImageList_ThrowsContentFiltered()
    {
        await using var sim = await SimulatedFal.StartAsync(mode: "sync");
        sim.Server.Faults.Add("fal", "sync", SimulatorFaultKind.EmptyImages);

        await Assert.ThrowsAsync<Flux2ContentFilteredException>(() => sim.Client.GenerateAsync(Small()));
    }

    [Theory]
    [InlineData("queue", SimulatorFaultKind.Unauthorized, Flux2ErrorKind.Authentication)]
    [InlineData("queue", SimulatorFaultKind.CreditsExhausted, Flux2ErrorKind.InsufficientCredits)]
    [InlineData("queue", SimulatorFaultKind.Validation, Flux2ErrorKind.ProviderValidation)]
    [InlineData("sync", SimulatorFaultKind.Unauthorized, Flux2ErrorKind.Authentication)]
    [InlineData("sync", SimulatorFaultKind.CreditsExhausted, Flux2ErrorKind.InsufficientCredits)]
    [InlineData("sync", SimulatorFaultKind.Validation, Flux2ErrorKind.ProviderValidation)]
    [InlineData("sync", SimulatorFaultKind.MalformedJson, Flux2ErrorKind.MalformedResponse)]
    public async Task Fault_OnSubmit_MapsToTypedError(string mode, SimulatorFaultKind fault, Flux2ErrorKind expected)
    {
        await using var sim = await SimulatedFal.StartAsync(mode: mode);
        (string dialect, string operation) = mode == "sync" ? ("fal", "sync") : ("fal-queue", "submit");
        sim.Server.Faults.Add(dialect, operation, fault, times: 10);

        var error = await Assert.ThrowsAnyAsync<Flux2Exception>(() => sim.Client.GenerateAsync(Small()));

        Assert.Equal(expected, error.Kind);
        Assert.Equal("fal", error.Provider);
        Assert.DoesNotContain(SimulatedFal.Key, error.ToString(), StringComparison.Ordinal);
        // A paid POST answered with a 4xx is never sent again.
        Assert.Equal(1, sim.Server.Counters.Get(dialect, operation));
    }

    [Theory]
    [InlineData("queue")]
    [InlineData("sync")]
    public async Task ServerError_OnSubmit_IsSentAgainBecauseFalDoesNotBillA5xx_AndTheMessageCountsTheAttempts(string mode)
    {
        await using var sim = await SimulatedFal.StartAsync(mode: mode);
        (string dialect, string operation) = mode == "sync" ? ("fal", "sync") : ("fal-queue", "submit");
        sim.Server.Faults.Add(dialect, operation, SimulatorFaultKind.ServerError, times: 10);

        var error = await Assert.ThrowsAnyAsync<Flux2Exception>(() => sim.Client.GenerateAsync(Small()));

        Assert.Equal(Flux2ErrorKind.ProviderUnavailable, error.Kind);
        Assert.False(error.OutcomeUnknown);
        Assert.Equal(4, sim.Server.Counters.Get(dialect, operation));
        Assert.Contains("after 4 attempts", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServerError_OnceOnSubmit_IsRecoveredBySendingItAgain()
    {
        await using var sim = await SimulatedFal.StartAsync();
        sim.Server.Faults.Add("fal-queue", "submit", SimulatorFaultKind.ServerError, times: 1);

        Flux2ImageResult result = await sim.Client.GenerateAsync(Small());

        Assert.Single(result.Images);
        Assert.Equal(2, sim.Server.Counters.Get("fal-queue", "submit"));
    }

    [Fact]
    public async Task ContentPolicy_ThrowsContentFilteredWithInputRefused()
    {
        await using var sim = await SimulatedFal.StartAsync();
        sim.Server.Faults.Add("fal-queue", "submit", SimulatorFaultKind.ContentPolicy);

        var error = await Assert.ThrowsAsync<Flux2ContentFilteredException>(() => sim.Client.GenerateAsync(Small()));

        Assert.True(error.InputRefused);
        Assert.Equal("content_policy_violation", error.ProviderErrorType);
    }

    [Fact]
    public async Task JobFailed_ThrowsJobFailed()
    {
        await using var sim = await SimulatedFal.StartAsync();
        sim.Server.Faults.Add("fal-queue", "submit", SimulatorFaultKind.JobFailed);

        var error = await Assert.ThrowsAnyAsync<Flux2Exception>(() => sim.Client.GenerateAsync(Small()));

        Assert.Equal(Flux2ErrorKind.JobFailed, error.Kind);
    }

    [Theory]
    [InlineData(SimulatorFaultKind.BadGateway)]
    [InlineData(SimulatorFaultKind.Unavailable)]
    public async Task TransientFault_OnSubmit_IsRetriedBecauseFalDidNotAct(SimulatorFaultKind fault)
    {
        await using var sim = await SimulatedFal.StartAsync();
        sim.Server.Faults.Add("fal-queue", "submit", fault, times: 1);
        var progress = new RecordingProgress();

        Flux2ImageResult result = await sim.Client.GenerateAsync(Small().WithProgress(progress));

        Assert.Single(result.Images);
        Assert.Equal(2, sim.Server.Counters.Get("fal-queue", "submit"));
        Flux2Progress retrying = Assert.Single(progress.Reports, p => p.Status == Flux2ProgressStatus.Retrying);
        Assert.Equal("fal", retrying.Provider);
        Assert.Contains("retrying in", retrying.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RateLimited_OnSubmit_IsRetriedOnceItsRetryAfterHasPassed()
    {
        // fal did not act on a 429, so the paid submit may be sent again, but only after the wait it asked for.
        var time = new TimerWatchingTimeProvider();
        await using var sim = await SimulatedFal.StartAsync(services: s => s.AddSingleton<TimeProvider>(time));
        sim.Server.Faults.Add("fal-queue", "submit", SimulatorFaultKind.RateLimited, times: 1, retryAfter: TimeSpan.FromMilliseconds(1500));
        var progress = new RecordingProgress();

        Task<Flux2ImageResult> call = sim.Client.GenerateAsync(Small().WithProgress(progress));
        await time.AdvanceThroughWaitAsync(TimeSpan.FromMilliseconds(1500), TimeSpan.FromMilliseconds(1650),
            () => Assert.Equal(1, sim.Server.Counters.Get("fal-queue", "submit")), "the retry 1.5 s (+ up to 150 ms jitter) after the 429");
        Flux2ImageResult result = await call.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Single(result.Images);
        Assert.Equal(2, sim.Server.Counters.Get("fal-queue", "submit"));
        Flux2Progress retrying = Assert.Single(progress.Reports, p => p.Status == Flux2ProgressStatus.Retrying);
        Assert.Matches(@"^fal answered 429; retrying in 1\.[56] s \(attempt 2 of 4\)$", retrying.Message); // 1.5 s and its jitter; MaxRetries 3
    }

    [Fact]
    public async Task RateLimited_AfterAllRetries_ThrowsRateLimitedWithRetryAfter()
    {
        await using var sim = await SimulatedFal.StartAsync();
        sim.Server.Faults.Add("fal-queue", "submit", SimulatorFaultKind.RateLimited, times: 10, retryAfter: TimeSpan.FromMilliseconds(50));

        var error = await Assert.ThrowsAnyAsync<Flux2Exception>(() => sim.Client.GenerateAsync(Small()));

        Assert.Equal(Flux2ErrorKind.RateLimited, error.Kind);
        Assert.NotNull(error.RetryAfter);
        Assert.Equal(4, sim.Server.Counters.Get("fal-queue", "submit"));
    }

    [Fact]
    public async Task RateLimited_WithPipelineRetriesOff_SurfacesAtOnce()
    {
        await using var sim = await SimulatedFal.StartAsync(configure: o => o.GetProvider("fal").RetryRateLimited = false);
        sim.Server.Faults.Add("fal-queue", "submit", SimulatorFaultKind.RateLimited, times: 10, retryAfter: TimeSpan.FromMilliseconds(50));

        var error = await Assert.ThrowsAnyAsync<Flux2Exception>(() => sim.Client.GenerateAsync(Small()));

        Assert.Equal(Flux2ErrorKind.RateLimited, error.Kind);
        Assert.Equal(TimeSpan.FromMilliseconds(50), error.RetryAfter);
        Assert.Equal(1, sim.Server.Counters.Get("fal-queue", "submit"));
    }

    [Fact]
    public async Task Hang_OnSubmit_TimesOutWithoutASecondSubmit()
    {
        await using var sim = await SimulatedFal.StartAsync(o => o.GetProvider("fal").AttemptTimeout = TimeSpan.FromMilliseconds(500));
        sim.Server.Faults.Add("fal-queue", "submit", SimulatorFaultKind.Hang);

        var error = await Assert.ThrowsAnyAsync<Flux2Exception>(() => sim.Client.GenerateAsync(Small()));

        Assert.Equal(Flux2ErrorKind.Timeout, error.Kind);
        Assert.True(error.OutcomeUnknown);
        Assert.Equal(1, sim.Server.Counters.Get("fal-queue", "submit"));
    }

    [Fact]
    public async Task DroppedConnection_OnSubmit_IsNotSentAgain()
    {
        await using var sim = await SimulatedFal.StartAsync();
        sim.Server.Faults.Add("fal-queue", "submit", SimulatorFaultKind.DropConnection);

        var error = await Assert.ThrowsAnyAsync<Flux2Exception>(() => sim.Client.GenerateAsync(Small()));

        Assert.Equal(Flux2ErrorKind.Network, error.Kind);
        Assert.True(error.OutcomeUnknown);
        Assert.Equal(1, sim.Server.Counters.Get("fal-queue", "submit"));
    }

    [Theory]
    [InlineData(SimulatorFaultKind.DropConnection)]
    [InlineData(SimulatorFaultKind.ServerError)]
    [InlineData(SimulatorFaultKind.RateLimited)]
    public async Task TransientFault_OnResultFetch_IsRetriedFreely(SimulatorFaultKind fault)
    {
        await using var sim = await SimulatedFal.StartAsync();
        sim.Server.Faults.Add("fal-queue", "result", fault, times: 1, retryAfter: TimeSpan.FromMilliseconds(20));

        Flux2ImageResult result = await sim.Client.GenerateAsync(Small());

        Assert.Single(result.Images);
        Assert.Equal(1, sim.Server.Counters.Get("fal-queue", "submit"));
        Assert.Equal(2, sim.Server.Counters.Get("fal-queue", "result"));
    }
}
