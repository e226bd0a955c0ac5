using System.Net;
using System.Text.Json.Nodes;
using SkiaSharp;

namespace Flux2.Simulator.Tests;

public sealed class BflTests
{
    private const string Key = "bfl-key";

    private static HttpRequestMessage Submit(string model, JsonObject body, string? fault = null) =>
        SimulatorHarness.Json(HttpMethod.Post, $"bfl/v1/{model}", body, auth: null, fault: fault, headers: ("x-key", Key));

    private static HttpRequestMessage Poll(string url) => SimulatorHarness.Json(HttpMethod.Get, url, null, auth: null, headers: ("x-key", Key));

    private static async Task<JsonNode> PollUntilDoneAsync(SimulatorHarness sim, string url)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var (_, body) = await sim.SendAsync(Poll(url));
            if ((string)body!["status"]! != "Pending" || DateTime.UtcNow > deadline)
            {
                return body;
            }

            await Task.Delay(30);
        }
    }

    [Fact]
    public async Task Submit_ReturnsPollingUrlOnAnotherHostName_ThatLeadsToReady()
    {
        await using var sim = await SimulatorHarness.StartAsync(o => o.Latency = TimeSpan.FromMilliseconds(300));
        var (response, submit) = await sim.SendAsync(Submit("flux-2-pro", new JsonObject { ["prompt"] = "a lighthouse", ["width"] = 1024, ["height"] = 768, ["seed"] = 9, ["output_format"] = "png" }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var polling = new Uri((string)submit!["polling_url"]!);
        Assert.Equal("localhost", polling.Host);
        Assert.Equal(sim.Server.BaseUrl.Port, polling.Port);
        Assert.Equal(0.79, (double)submit["output_mp"]!);
        Assert.Equal(3.0, (double)submit["cost"]!);

        var (_, first) = await sim.SendAsync(Poll(polling.ToString()));
        Assert.Equal("Pending", (string)first!["status"]!);
        var done = await PollUntilDoneAsync(sim, polling.ToString());

        Assert.Equal("Ready", (string)done["status"]!);
        Assert.Equal(9, (long)done["result"]!["seed"]!);
        Assert.Equal("a lighthouse", (string)done["result"]!["prompt"]!);
        var (bitmap, format, _) = await sim.DownloadImageAsync((string)done["result"]!["sample"]!);
        Assert.Equal(SKEncodedImageFormat.Png, format);
        Assert.Equal((1024, 768), (bitmap.Width, bitmap.Height));
        Assert.Equal(1, sim.Server.Counters.Get("bfl", "submit"));
        Assert.True(sim.Server.Counters.Get("bfl", "poll") >= 2);
    }

    [Fact]
    public async Task Credits_DecreaseByTheCostOfAReadyJob()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var (_, before) = await sim.SendAsync(Poll("bfl/v1/credits"));
        var (_, submit) = await sim.SendAsync(Submit("flux-2-max", new JsonObject { ["prompt"] = "p", ["width"] = 512, ["height"] = 512 }));
        await PollUntilDoneAsync(sim, (string)submit!["polling_url"]!);
        var (_, after) = await sim.SendAsync(Poll("bfl/v1/credits"));

        Assert.Equal((double)before!["credits"]! - 7.0, (double)after!["credits"]!, 3);
    }

    [Theory]
    [InlineData("ContentPolicy", "Request Moderated")]
    [InlineData("Moderated", "Content Moderated")]
    [InlineData("JobFailed", "Error")]
    public async Task OutcomeFault_EndsTheTaskWithBflsStatusAndDetails(string fault, string status)
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var (_, submit) = await sim.SendAsync(Submit("flux-2-pro", new JsonObject { ["prompt"] = "p", ["width"] = 512, ["height"] = 512 }, fault));

        var done = await PollUntilDoneAsync(sim, (string)submit!["polling_url"]!);

        Assert.Equal(status, (string)done["status"]!);
        if (status != "Error")
        {
            Assert.NotEmpty(done["details"]!["Moderation Reasons"]!.AsArray());
        }
    }

    [Fact]
    public async Task Submit_WithSizeNotAMultipleOf16_Answers422DetailList()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var (response, body) = await sim.SendAsync(Submit("flux-2-pro", new JsonObject { ["prompt"] = "p", ["width"] = 1000, ["height"] = 512 }));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("width", (string)body!["detail"]![0]!["loc"]![1]!);
    }

    [Fact]
    public async Task Submit_WithoutKey_Answers401_AndCreditsExhaustedAnswers402()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var (missing, _) = await sim.SendAsync(SimulatorHarness.Json(HttpMethod.Post, "bfl/v1/flux-2-pro", new JsonObject { ["prompt"] = "p" }, auth: null));
        var (broke, body) = await sim.SendAsync(Submit("flux-2-pro", new JsonObject { ["prompt"] = "p" }, "CreditsExhausted"));

        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal(HttpStatusCode.PaymentRequired, broke.StatusCode);
        Assert.NotNull(body!["detail"]);
    }

    [Fact]
    public async Task GetResult_ForAnUnknownId_SaysTaskNotFound()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var (response, body) = await sim.SendAsync(Poll("bfl/v1/get_result?id=nope"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Task not found", (string)body!["status"]!);
    }
}
