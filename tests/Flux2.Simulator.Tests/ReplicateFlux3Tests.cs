using System.Net;
using System.Text.Json.Nodes;
using SkiaSharp;

namespace Flux2.Simulator.Tests;

/// <summary>Replicate's black-forest-labs/flux-3-image over real HTTP: Prefer: wait and polling, tiers, webp by default, one URL string out.</summary>
public sealed class ReplicateFlux3Tests
{
    private const string Create = "replicate/v1/models/black-forest-labs/flux-3-image/predictions";

    [Fact]
    public async Task PreferWait_ReturnsASucceededPrediction_WithOneUrlString_OfAWebpAtTheTier()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var request = SimulatorHarness.Json(HttpMethod.Post, Create, new JsonObject { ["input"] = new JsonObject { ["prompt"] = "a fox", ["aspect_ratio"] = "16:9", ["resolution"] = "1k", ["grounding"] = false } }, auth: "Bearer r8", headers: ("Prefer", "wait"));
        var (response, prediction) = await sim.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("succeeded", (string)prediction!["status"]!);
        var (bitmap, format, _) = await sim.DownloadImageAsync((string)prediction["output"]!);
        Assert.Equal(SKEncodedImageFormat.Webp, format);
        Assert.Equal((1360, 768), (bitmap.Width, bitmap.Height));
    }

    [Fact]
    public async Task WithoutWait_ThePredictionIsPolledToSucceeded_AndAutoIsSquare()
    {
        await using var sim = await SimulatorHarness.StartAsync(o => o.Latency = TimeSpan.FromMilliseconds(300));
        var (_, created) = await sim.SendAsync(SimulatorHarness.Json(HttpMethod.Post, Create, new JsonObject { ["input"] = new JsonObject { ["prompt"] = "p", ["output_format"] = "png", ["resolution"] = "768sq" } }, auth: "Bearer r8"));

        Assert.Contains((string)created!["status"]!, new[] { "starting", "processing" });
        var url = (string)created["urls"]!["get"]!;
        JsonNode? prediction = null;
        for (var deadline = DateTime.UtcNow.AddSeconds(20); DateTime.UtcNow < deadline; await Task.Delay(20))
        {
            (_, prediction) = await sim.SendAsync(SimulatorHarness.Json(HttpMethod.Get, url, null, auth: "Bearer r8"));
            if ((string)prediction!["status"]! == "succeeded")
            {
                break;
            }
        }

        var (bitmap, format, _) = await sim.DownloadImageAsync((string)prediction!["output"]!);
        Assert.Equal(SKEncodedImageFormat.Png, format);
        Assert.Equal((768, 768), (bitmap.Width, bitmap.Height));
    }

    [Theory]
    [InlineData("""{"prompt":"p","resolution":"3k"}""", "resolution")]
    [InlineData("""{"prompt":"p","aspect_ratio":"match_input_image"}""", "aspect_ratio")]
    [InlineData("""{"prompt":"p","safety_tolerance":5}""", "safety_tolerance")]
    [InlineData("""{"prompt":"p","output_format":"jpeg"}""", "output_format")]
    public async Task AValueOutsideTheModelsInput_GetsReplicates422NamingTheField(string input, string field)
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var (response, problem) = await sim.SendAsync(SimulatorHarness.Json(HttpMethod.Post, Create, $$"""{"input":{{input}}}""", auth: "Bearer r8"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains($"input.{field}", (string)problem!["detail"]!, StringComparison.Ordinal);
    }
}
