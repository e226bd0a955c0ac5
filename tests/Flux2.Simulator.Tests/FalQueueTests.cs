using System.Net;
using System.Text.Json.Nodes;

namespace Flux2.Simulator.Tests;

public sealed class FalQueueTests
{
    private static JsonObject EditInput() => new()
    {
        ["prompt"] = "a cat",
        ["image_size"] = "square",
        ["image_urls"] = new JsonArray("https://example.invalid/ref.png"),
        ["seed"] = 3,
    };

    [Fact]
    public async Task Submit_OnEditApp_ReturnsUrlsWithTheSubPathDropped()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var submit = await sim.PostOkAsync("fal-queue/fal-ai/flux-2/edit", EditInput());

        var id = (string)submit["request_id"]!;
        var expected = new Uri(sim.Server.BaseUrl, $"fal-queue/fal-ai/flux-2/requests/{id}").ToString();
        Assert.Equal(expected, (string)submit["response_url"]!);
        Assert.Equal(expected + "/status", (string)submit["status_url"]!);
        Assert.Equal(expected + "/cancel", (string)submit["cancel_url"]!);
    }

    [Fact]
    public async Task Status_UnderTheSubPath_IsNotFound()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var submit = await sim.PostOkAsync("fal-queue/fal-ai/flux-2/edit", EditInput());

        var (response, _) = await sim.SendAsync(SimulatorHarness.Json(HttpMethod.Get, $"fal-queue/fal-ai/flux-2/edit/requests/{submit["request_id"]}/status", null));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Status_WithLogs_GoesFromInQueueToInProgressToCompleted_ThenResultHasImages()
    {
        await using var sim = await SimulatorHarness.StartAsync(o => o.Latency = TimeSpan.FromMilliseconds(800));
        var submit = await sim.PostOkAsync("fal-queue/fal-ai/flux-2/edit", EditInput());
        var statusUrl = (string)submit["status_url"]! + "?logs=1";

        var seen = new List<string>();
        JsonNode? last = null;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            var (_, status) = await sim.SendAsync(SimulatorHarness.Json(HttpMethod.Get, statusUrl, null));
            var word = (string)status!["status"]!;
            if (seen.Count == 0 || seen[^1] != word)
            {
                seen.Add(word);
            }

            if (word == "IN_QUEUE")
            {
                Assert.Equal(0, (int)status["queue_position"]!);
            }

            if (word == "IN_PROGRESS")
            {
                Assert.NotEmpty(status["logs"]!.AsArray());
            }

            last = status;
            if (word == "COMPLETED")
            {
                break;
            }

            await Task.Delay(40);
        }

        Assert.Equal(["IN_QUEUE", "IN_PROGRESS", "COMPLETED"], seen);
        Assert.NotNull(last!["metrics"]!["inference_time"]);
        var job = Assert.Single(sim.Server.Jobs);
        Assert.Equal(SimulatorJobStatus.Completed, job.Status);
        Assert.NotEqual(0, job.CompletedTimestamp);

        var (resultResponse, result) = await sim.SendAsync(SimulatorHarness.Json(HttpMethod.Get, (string)submit["response_url"]!, null));
        Assert.Equal(HttpStatusCode.OK, resultResponse.StatusCode);
        Assert.Equal(3, (long)result!["seed"]!);
        var (bitmap, _, _) = await sim.DownloadImageAsync((string)result["images"]![0]!["url"]!);
        Assert.Equal(512, bitmap.Width);
        Assert.Equal(1, sim.Server.Counters.Get("fal-queue", "submit"));
        Assert.Equal(1, sim.Server.Counters.Get("fal-queue", "result"));
        Assert.True(sim.Server.Counters.Get("fal-queue", "status") >= 3);
    }

    [Fact]
    public async Task Result_BeforeCompletion_Answers400StillInProgress()
    {
        await using var sim = await SimulatorHarness.StartAsync(o => o.Latency = TimeSpan.FromSeconds(10));
        var submit = await sim.PostOkAsync("fal-queue/fal-ai/flux-2", new JsonObject { ["prompt"] = "p" });

        var (response, body) = await sim.SendAsync(SimulatorHarness.Json(HttpMethod.Get, (string)submit["response_url"]!, null));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("in progress", (string)body!["detail"]!, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task StatusStream_EmitsStatusEventsAndClosesAfterCompleted()
    {
        await using var sim = await SimulatorHarness.StartAsync(o => o.Latency = TimeSpan.FromMilliseconds(500));
        var submit = await sim.PostOkAsync("fal-queue/fal-ai/flux-2", new JsonObject { ["prompt"] = "p", ["image_size"] = "square" });

        using var request = SimulatorHarness.Json(HttpMethod.Get, (string)submit["status_url"]! + "/stream?logs=1", null);
        using var response = await sim.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        var text = await response.Content.ReadAsStringAsync();

        var events = text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(e => SimulatorHarness.Parse(e["data: ".Length..]))
            .Select(e => (string)e["status"]!)
            .ToList();
        Assert.Equal("COMPLETED", events[^1]);
        Assert.Contains("IN_PROGRESS", events);
        Assert.Equal(1, sim.Server.Counters.Get("fal-queue", "status-stream"));
    }

    [Fact]
    public async Task Cancel_WhileQueued_RequestsCancellation_ThenCompletedJobsSayAlreadyCompleted()
    {
        await using var sim = await SimulatorHarness.StartAsync(o => o.Latency = TimeSpan.FromSeconds(30));
        var submit = await sim.PostOkAsync("fal-queue/fal-ai/flux-2", new JsonObject { ["prompt"] = "p" });

        var (first, firstBody) = await sim.SendAsync(SimulatorHarness.Json(HttpMethod.Put, (string)submit["cancel_url"]!, null));
        var (second, secondBody) = await sim.SendAsync(SimulatorHarness.Json(HttpMethod.Put, (string)submit["cancel_url"]!, null));
        var (unknown, unknownBody) = await sim.SendAsync(SimulatorHarness.Json(HttpMethod.Put, "fal-queue/fal-ai/flux-2/requests/nope/cancel", null));

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal("CANCELLATION_REQUESTED", (string)firstBody!["status"]!);
        Assert.Equal("ALREADY_COMPLETED", (string)secondBody!["status"]!);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("NOT_FOUND", (string)unknownBody!["status"]!);
        Assert.True(Assert.Single(sim.Server.Jobs).Cancelled);
    }

    [Fact]
    public async Task ConcurrencyLimit_HoldsTheSlotUntilCompleted_AndAnswers429WithRetryAfter()
    {
        await using var sim = await SimulatorHarness.StartAsync(o =>
        {
            o.ConcurrencyLimit = 1;
            o.Latency = TimeSpan.FromMilliseconds(700);
        });
        var submit = await sim.PostOkAsync("fal-queue/fal-ai/flux-2", new JsonObject { ["prompt"] = "p", ["image_size"] = "square" });

        var (limited, _) = await sim.SendAsync(SimulatorHarness.Json(HttpMethod.Post, "fal-queue/fal-ai/flux-2", new JsonObject { ["prompt"] = "p" }));
        var (otherKey, _) = await sim.SendAsync(SimulatorHarness.Json(HttpMethod.Post, "fal-queue/fal-ai/flux-2", new JsonObject { ["prompt"] = "p" }, auth: "Key other"));

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), limited.Headers.RetryAfter!.Delta);
        Assert.True(limited.Headers.Contains("retry-after-ms"));
        Assert.True(otherKey.IsSuccessStatusCode);

        var first = sim.Server.Jobs.First(j => j.Id == (string)submit["request_id"]!);
        await Eventually.WaitUntilAsync(() => first.Status == SimulatorJobStatus.Completed, "the first job completed");

        await sim.PostOkAsync("fal-queue/fal-ai/flux-2", new JsonObject { ["prompt"] = "p", ["image_size"] = "square" });
    }
}
