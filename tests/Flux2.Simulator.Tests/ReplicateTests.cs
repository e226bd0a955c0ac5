using System.Net;
using System.Text.Json.Nodes;
using SkiaSharp;

namespace Flux2.Simulator.Tests;

public sealed class ReplicateTests
{
    private static HttpRequestMessage Create(string model, JsonObject input, string? prefer = "wait", string? fault = null)
    {
        var headers = prefer is null ? [] : new[] { ("Prefer", prefer) };
        return SimulatorHarness.Json(HttpMethod.Post, $"replicate/v1/models/black-forest-labs/{model}/predictions", new JsonObject { ["input"] = input }, auth: "Bearer r8_test", fault: fault, headers: headers);
    }

    private static HttpRequestMessage Get(string url) => SimulatorHarness.Json(HttpMethod.Get, url, null, auth: "Bearer r8_test");

    [Fact]
    public async Task Create_WithPreferWait_ReturnsSucceededWithASingleUrlForPro()
    {
        await using var sim = await SimulatorHarness.StartAsync(o => o.Latency = TimeSpan.FromMilliseconds(200));
        var (response, prediction) = await sim.SendAsync(Create("flux-2-pro", new JsonObject { ["prompt"] = "p", ["aspect_ratio"] = "16:9", ["output_format"] = "png", ["seed"] = 5 }));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("succeeded", (string)prediction!["status"]!);
        Assert.Equal("black-forest-labs/flux-2-pro", (string)prediction["model"]!);
        Assert.Equal("p", (string)prediction["input"]!["prompt"]!);
        Assert.Null((string?)prediction["error"]);
        var (bitmap, format, _) = await sim.DownloadImageAsync((string)prediction["output"]!);
        Assert.Equal(SKEncodedImageFormat.Png, format);
        Assert.True(bitmap.Width > bitmap.Height);
        Assert.NotNull(prediction["metrics"]!["predict_time"]);
    }

    [Fact]
    public async Task Create_KleinModel_ReturnsAnArrayOfUrls_JpgByDefault_InTheAskedAspectAndMegapixels()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var (_, prediction) = await sim.SendAsync(Create("flux-2-klein-4b", new JsonObject { ["prompt"] = "p", ["aspect_ratio"] = "16:9", ["output_megapixels"] = 0.5, ["images"] = new JsonArray("https://example.com/a.png") }));

        var url = (string)prediction!["output"]!.AsArray().Single()!;
        var (bitmap, format, _) = await sim.DownloadImageAsync(url);
        Assert.Equal(SKEncodedImageFormat.Jpeg, format);
        Assert.Equal((960, 544), (bitmap.Width, bitmap.Height));
        Assert.Equal(0, sim.Server.Counters.UnknownFields);
    }

    [Fact]
    public async Task Create_KleinModelWithProsFields_CountsThemAsUnknown_AndRejectsCustomPixels()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var (response, problem) = await sim.SendAsync(Create("flux-2-klein-4b", new JsonObject { ["prompt"] = "p", ["aspect_ratio"] = "custom", ["input_images"] = new JsonArray("https://example.com/a.png"), ["resolution"] = "1 MP" }));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("input.aspect_ratio", (string)problem!["detail"]!, StringComparison.Ordinal);
        Assert.Equal(1, sim.Server.Counters.GetUnknownField("replicate", "black-forest-labs/flux-2-klein-4b", "input_images"));
        Assert.Equal(1, sim.Server.Counters.GetUnknownField("replicate", "black-forest-labs/flux-2-klein-4b", "resolution"));
    }

    [Fact]
    public async Task Create_WithoutWait_ReturnsStarting_ThenUrlsGetReachesSucceeded()
    {
        await using var sim = await SimulatorHarness.StartAsync(o => o.Latency = TimeSpan.FromMilliseconds(300));
        var (_, prediction) = await sim.SendAsync(Create("flux-2-dev", new JsonObject { ["prompt"] = "p" }, prefer: null));

        Assert.Equal("starting", (string)prediction!["status"]!);
        Assert.Null(prediction["output"]);
        var get = (string)prediction["urls"]!["get"]!;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        JsonNode? current;
        do
        {
            await Task.Delay(50);
            (_, current) = await sim.SendAsync(Get(get));
        }
        while ((string)current!["status"]! is "starting" or "processing" && DateTime.UtcNow < deadline);

        Assert.Equal("succeeded", (string)current["status"]!);
        Assert.Equal(1, sim.Server.Counters.Get("replicate", "create"));
    }

    [Fact]
    public async Task Create_WithShortWait_ReturnsTheUnfinishedPrediction()
    {
        await using var sim = await SimulatorHarness.StartAsync(o => o.Latency = TimeSpan.FromSeconds(5));
        var (_, prediction) = await sim.SendAsync(Create("flux-2-pro", new JsonObject { ["prompt"] = "p" }, prefer: "wait=1"));

        Assert.Contains((string)prediction!["status"]!, new[] { "starting", "processing" });
    }

    [Fact]
    public async Task Cancel_MakesThePredictionCanceledOrAborted()
    {
        await using var sim = await SimulatorHarness.StartAsync(o => o.Latency = TimeSpan.FromSeconds(30));
        var (_, prediction) = await sim.SendAsync(Create("flux-2-pro", new JsonObject { ["prompt"] = "p" }, prefer: null));

        var (_, cancelled) = await sim.SendAsync(SimulatorHarness.Json(HttpMethod.Post, (string)prediction!["urls"]!["cancel"]!, null, auth: "Bearer r8_test"));

        Assert.Contains((string)cancelled!["status"]!, new[] { "canceled", "aborted" });
        Assert.True(Assert.Single(sim.Server.Jobs).Cancelled);
    }

    [Fact]
    public async Task JobFailed_ReturnsAFailedPredictionWithAnError()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var (_, prediction) = await sim.SendAsync(Create("flux-2-pro", new JsonObject { ["prompt"] = "p" }, fault: "JobFailed"));

        Assert.Equal("failed", (string)prediction!["status"]!);
        Assert.False(string.IsNullOrEmpty((string?)prediction["error"]));
    }

    [Fact]
    public async Task RateLimited_AnswersThrottledProblemWithRetryAfter()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        sim.Server.Faults.Add("replicate", "create", SimulatorFaultKind.RateLimited, retryAfter: TimeSpan.FromSeconds(30));
        var (response, body) = await sim.SendAsync(Create("flux-2-pro", new JsonObject { ["prompt"] = "p" }));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(30), response.Headers.RetryAfter!.Delta);
        Assert.Equal("Request was throttled. Your rate limit resets in ~30s.", (string)body!["detail"]!);
    }

    [Fact]
    public async Task MissingToken_AnswersProblemDetails401()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var (response, body) = await sim.SendAsync(SimulatorHarness.Json(HttpMethod.Post, "replicate/v1/models/black-forest-labs/flux-2-pro/predictions", new JsonObject { ["input"] = new JsonObject { ["prompt"] = "p" } }, auth: null));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(401, (int)body!["status"]!);
        Assert.NotNull(body["title"]);
    }

    [Fact]
    public async Task InvalidAspectRatio_Answers422ProblemDetails()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var (response, body) = await sim.SendAsync(Create("flux-2-pro", new JsonObject { ["prompt"] = "p", ["aspect_ratio"] = "7:banana" }));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("aspect_ratio", (string)body!["detail"]!, StringComparison.Ordinal);
    }
}
