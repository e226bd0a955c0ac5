using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Flux2.Simulator.Tests;

public sealed class FaultTests
{
    private static JsonObject Input() => new() { ["prompt"] = "p", ["image_size"] = "square", ["seed"] = 1 };

    [Theory]
    [InlineData("Unauthorized", 401)]
    [InlineData("PaymentRequired", 402)]
    [InlineData("creditsexhausted", 403)]
    [InlineData("Validation", 422)]
    [InlineData("ContentPolicy", 422)]
    [InlineData("RateLimited", 429)]
    [InlineData("ServerError", 500)]
    [InlineData("BadGateway", 502)]
    [InlineData("Unavailable", 503)]
    [InlineData("JobFailed", 500)]
    public async Task FalSync_HeaderFault_AnswersTheFaultsStatus(string kind, int status)
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var (response, body) = await sim.SendAsync(SimulatorHarness.Json(HttpMethod.Post, "fal/fal-ai/flux-2", Input(), fault: kind));

        Assert.Equal(status, (int)response.StatusCode);
        Assert.NotNull(body!["detail"]);
    }

    [Fact]
    public async Task FalSync_ContentPolicy_HasFalsDetailListShape()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var (_, body) = await sim.SendAsync(SimulatorHarness.Json(HttpMethod.Post, "fal/fal-ai/flux-2", Input(), fault: "ContentPolicy"));

        var item = body!["detail"]![0]!;
        Assert.Equal("content_policy_violation", (string)item["type"]!);
        Assert.Equal(["body", "prompt"], item["loc"]!.AsArray().Select(n => (string)n!));
    }

    [Fact]
    public async Task FalSync_CreditsExhausted_SaysTheUserIsLocked()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var (_, body) = await sim.SendAsync(SimulatorHarness.Json(HttpMethod.Post, "fal/fal-ai/flux-2", Input(), fault: "CreditsExhausted"));

        Assert.StartsWith("User is locked. Reason: Exhausted balance.", (string)body!["detail"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FalSync_RateLimited_SendsRetryAfterAndRetryableHeader()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        sim.Server.Faults.Add("fal", "sync", SimulatorFaultKind.RateLimited, retryAfter: TimeSpan.FromSeconds(3));

        var (response, _) = await sim.SendAsync(SimulatorHarness.Json(HttpMethod.Post, "fal/fal-ai/flux-2", Input()));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(3), response.Headers.RetryAfter!.Delta);
        Assert.Equal("3000", response.Headers.GetValues("retry-after-ms").Single());
        Assert.Equal("true", response.Headers.GetValues("X-Fal-Retryable").Single());
    }

    [Fact]
    public async Task FalSync_ServerError_CarriesTheFalErrorTypeHeader()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var (response, body) = await sim.SendAsync(SimulatorHarness.Json(HttpMethod.Post, "fal/fal-ai/flux-2", Input(), fault: "Unavailable"));

        Assert.Equal("runner_scheduling_failure", response.Headers.GetValues("X-Fal-Error-Type").Single());
        Assert.Equal("runner_scheduling_failure", (string)body!["error_type"]!);
    }

    [Fact]
    public async Task ProgrammaticFault_AppliesToTheNextNMatchingRequestsOnly()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        sim.Server.Faults.Add("fal", "sync", SimulatorFaultKind.ServerError, times: 2);
        sim.Server.Faults.Add("bfl", null, SimulatorFaultKind.Unauthorized);

        var codes = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            var (response, _) = await sim.SendAsync(SimulatorHarness.Json(HttpMethod.Post, "fal/fal-ai/flux-2", Input()));
            codes.Add((int)response.StatusCode);
        }

        Assert.Equal([500, 500, 200], codes);
        Assert.Equal(3, sim.Server.Counters.Get("fal", "sync"));
    }

    [Fact]
    public async Task WildcardFault_AppliesToAnyDialect_AndClearRemovesFaults()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        sim.Server.Faults.Add("*", null, SimulatorFaultKind.BadGateway, times: 5);
        var (first, _) = await sim.SendAsync(SimulatorHarness.Json(HttpMethod.Post, "fal-queue/fal-ai/flux-2", Input()));
        sim.Server.Faults.Clear();
        var (second, _) = await sim.SendAsync(SimulatorHarness.Json(HttpMethod.Post, "fal-queue/fal-ai/flux-2", Input()));

        Assert.Equal(HttpStatusCode.BadGateway, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
    }

    [Fact]
    public async Task Hang_KeepsTheRequestOpenUntilTheClientGivesUp()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            sim.Http.SendAsync(SimulatorHarness.Json(HttpMethod.Post, "fal/fal-ai/flux-2", Input(), fault: "Hang"), cts.Token));
    }

    [Fact]
    public async Task DropConnection_AbortsTheConnection()
    {
        await using var sim = await SimulatorHarness.StartAsync();

        await Assert.ThrowsAsync<HttpRequestException>(() =>
            sim.Http.SendAsync(SimulatorHarness.Json(HttpMethod.Post, "fal/fal-ai/flux-2", Input(), fault: "DropConnection")));
    }

    [Fact]
    public async Task MalformedJson_Answers200WithABodyThatDoesNotParse()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var response = await sim.Http.SendAsync(SimulatorHarness.Json(HttpMethod.Post, "fal/fal-ai/flux-2", Input(), fault: "MalformedJson"));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(text));
    }

    [Fact]
    public async Task EmptyImages_AnswersSuccessWithNoImages()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var (response, body) = await sim.SendAsync(SimulatorHarness.Json(HttpMethod.Post, "fal/fal-ai/flux-2", Input(), fault: "EmptyImages"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(body!["images"]!.AsArray());
    }

    [Fact]
    public async Task NsfwFlagged_FlagsTheFirstImageAndBlanksIt()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var input = Input();
        input["num_images"] = 2;
        var (_, body) = await sim.SendAsync(SimulatorHarness.Json(HttpMethod.Post, "fal/fal-ai/flux-2", input, fault: "NsfwFlagged"));

        Assert.Equal([true, false], body!["has_nsfw_concepts"]!.AsArray().Select(n => (bool)n!));
        var (bitmap, _, _) = await sim.DownloadImageAsync((string)body["images"]![0]!["url"]!);
        Assert.Equal(SkiaSharp.SKColors.Black, bitmap.GetPixel(100, 100));
    }

    [Fact]
    public async Task ExpiredResultUrl_ResultUrlAnswers404Expired()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var (_, body) = await sim.SendAsync(SimulatorHarness.Json(HttpMethod.Post, "fal/fal-ai/flux-2", Input(), fault: "ExpiredResultUrl"));

        var response = await sim.Http.GetAsync(new Uri((string)body!["images"]![0]!["url"]!));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("expired", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FalQueue_JobFailed_CompletesWithAnErrorAndTheResultIs500()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var (_, submit) = await sim.SendAsync(SimulatorHarness.Json(HttpMethod.Post, "fal-queue/fal-ai/flux-2", Input(), fault: "JobFailed"));
        await sim.Server.WaitForJobsToFinishAsync();

        var (_, status) = await sim.SendAsync(SimulatorHarness.Json(HttpMethod.Get, (string)submit!["status_url"]!, null));
        var (result, body) = await sim.SendAsync(SimulatorHarness.Json(HttpMethod.Get, (string)submit["response_url"]!, null));

        Assert.Equal("COMPLETED", (string)status!["status"]!);
        Assert.Equal("internal_error", (string)status["error_type"]!);
        Assert.Equal(HttpStatusCode.InternalServerError, result.StatusCode);
        Assert.NotNull(body!["detail"]);
        Assert.Equal(SimulatorJobStatus.Failed, Assert.Single(sim.Server.Jobs).Status);
    }

    [Fact]
    public async Task FalQueue_ContentPolicy_IsAcceptedThenTheResultIs422()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var (submitResponse, submit) = await sim.SendAsync(SimulatorHarness.Json(HttpMethod.Post, "fal-queue/fal-ai/flux-2", Input(), fault: "ContentPolicy"));
        await sim.Server.WaitForJobsToFinishAsync();

        var (result, body) = await sim.SendAsync(SimulatorHarness.Json(HttpMethod.Get, (string)submit!["response_url"]!, null));

        Assert.Equal(HttpStatusCode.OK, submitResponse.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, result.StatusCode);
        Assert.Equal("content_policy_violation", (string)body!["detail"]![0]!["type"]!);
    }

    [Fact]
    public async Task LatencyHeader_DelaysASyncResponse()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var (response, _) = await sim.SendAsync(SimulatorHarness.Json(HttpMethod.Post, "fal/fal-ai/flux-2", Input(), headers: ("x-sim-latency-ms", "300")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(watch.ElapsedMilliseconds >= 290, $"answered after {watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task SyncConcurrencyLimit_Answers429WhileAnotherRequestHoldsTheSlot()
    {
        await using var sim = await SimulatorHarness.StartAsync(o => o.ConcurrencyLimit = 1);
        var slow = sim.SendAsync(SimulatorHarness.Json(HttpMethod.Post, "fal/fal-ai/flux-2", Input(), headers: ("x-sim-latency-ms", "1500")));
        await Eventually.WaitUntilAsync(() => sim.Server.InFlight("test-key") == 1, "the slow request holds the key's only slot");

        var (limited, _) = await sim.SendAsync(SimulatorHarness.Json(HttpMethod.Post, "fal/fal-ai/flux-2", Input()));
        var (held, _) = await slow;
        var (after, _) = await sim.SendAsync(SimulatorHarness.Json(HttpMethod.Post, "fal/fal-ai/flux-2", Input()));

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.NotNull(limited.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, held.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }
}
