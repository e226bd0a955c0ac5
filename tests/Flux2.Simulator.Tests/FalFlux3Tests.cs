using System.Net;
using System.Text.Json.Nodes;
using SkiaSharp;

namespace Flux2.Simulator.Tests;

/// <summary>fal's FLUX 3 family apps over real HTTP, sync and queue: fal's output shape, tiers, both readings where fal's pages were read in part, and the sub-path rule.</summary>
public sealed class FalFlux3Tests
{
    [Fact]
    public async Task TextToImage_Sync_AnswersFalsOutput_WithTheModelsSeedAndPrompt()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var output = await sim.PostOkAsync("fal/blackforestlabs/flux-3/text-to-image", new JsonObject { ["prompt"] = "a fox", ["aspect_ratio"] = "16:9", ["resolution"] = "1k" });

        var image = output["images"]![0]!;
        Assert.Equal((1360, 768), ((int)image["width"]!, (int)image["height"]!));
        Assert.Equal("image/jpeg", (string)image["content_type"]!);
        Assert.True((long)image["file_size"]! > 0);
        Assert.False(string.IsNullOrEmpty((string)image["file_name"]!));
        Assert.True((long)output["seed"]! > 0);
        Assert.Equal("a fox", (string)output["prompt"]!);
        var (bitmap, format, _) = await sim.DownloadImageAsync((string)image["url"]!);
        Assert.Equal(SKEncodedImageFormat.Jpeg, format);
        Assert.Equal(1360, bitmap.Width);
    }

    [Theory]
    [InlineData("512sq", "9:21", "png")]
    [InlineData("1.5k", "1:1", "jpeg")]
    public async Task TextToImage_AcceptsBothReadingsOfResolutionAndAspect(string resolution, string aspect, string format)
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var output = await sim.PostOkAsync("fal/blackforestlabs/flux-3/text-to-image", new JsonObject { ["prompt"] = "p", ["resolution"] = resolution, ["aspect_ratio"] = aspect, ["output_format"] = format, ["enable_prompt_expansion"] = true });

        Assert.Equal($"image/{format}", (string)output["images"]![0]!["content_type"]!);
        Assert.True(((string)output["prompt"]!).Length > 20, "enable_prompt_expansion returns the expanded prompt");
    }

    [Fact]
    public async Task EditImage_WithoutImageUrls_Gets422_AndWithOne_FollowsItsAspect()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var (missing, error) = await sim.SendAsync(SimulatorHarness.Json(HttpMethod.Post, "fal/blackforestlabs/flux-3/edit-image", new JsonObject { ["prompt"] = "p" }));
        using var wide = new SKBitmap(900, 300);
        var dataUri = "data:image/png;base64," + Convert.ToBase64String(wide.Encode(SKEncodedImageFormat.Png, 100).ToArray());
        var output = await sim.PostOkAsync("fal/blackforestlabs/flux-3/edit-image", new JsonObject { ["prompt"] = "p", ["image_urls"] = new JsonArray(dataUri) });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, missing.StatusCode);
        Assert.Equal("image_urls", (string)error!["detail"]![0]!["loc"]![1]!);
        var image = output["images"]![0]!;
        Assert.True((int)image["width"]! > 2 * (int)image["height"]!, $"auto follows the 3:1 reference, got {image.ToJsonString()}");
    }

    [Fact]
    public async Task EditImage_Queue_LivesUnderTheDroppedSubPath_AndCompletes()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var submit = await sim.PostOkAsync("fal-queue/blackforestlabs/flux-3/edit-image", new JsonObject { ["prompt"] = "p", ["image_urls"] = new JsonArray("https://example.com/a.png") });

        var id = (string)submit["request_id"]!;
        var expected = new Uri(sim.Server.BaseUrl, $"fal-queue/blackforestlabs/flux-3/requests/{id}").ToString();
        Assert.Equal(expected, (string)submit["response_url"]!);
        var result = await WaitForResultAsync(sim, expected);
        Assert.Equal((1024, 1024), ((int)result["images"]![0]!["width"]!, (int)result["images"]![0]!["height"]!));
    }

    [Fact]
    public async Task Flux31TextToImage_Queue_LivesUnderItsOwnAppId_AndTakesLabelledBoxesAndMode()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var input = JsonNode.Parse("""{"prompt":"a fox <fox>","bounding_boxes":[{"label":"fox","bbox":[0.1,0.4,0.5,0.9]}],"mode":"quality","resolution":"2K","aspect_ratio":"1:1"}""")!.AsObject();
        var submit = await sim.PostOkAsync("fal-queue/fal-ai/flux-3.1-image", input);

        var expected = new Uri(sim.Server.BaseUrl, $"fal-queue/fal-ai/flux-3.1-image/requests/{submit["request_id"]}").ToString();
        Assert.Equal(expected, (string)submit["response_url"]!);
        var result = await WaitForResultAsync(sim, expected);
        Assert.Equal(2048, (int)result["images"]![0]!["width"]!);
    }

    [Fact]
    public async Task Flux31Edit_Queue_LivesUnderBlackforestlabsFlux31_AndRefusesTargetWithSrcBbox()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var ok = await sim.PostOkAsync("fal-queue/blackforestlabs/flux-3.1/edit-image", new JsonObject { ["prompt"] = "p", ["image_urls"] = new JsonArray("https://example.com/a.png"), ["aspect_ratio"] = "match_first_image" });
        var bad = JsonNode.Parse("""{"prompt":"p","image_urls":["https://example.com/a.png"],"bounding_boxes":[{"id":"fox","from":"target","src_bbox":[0,0,1,1],"tgt_bbox":[0,0,0.5,0.5]}]}""")!;
        var (refused, error) = await sim.SendAsync(SimulatorHarness.Json(HttpMethod.Post, "fal/blackforestlabs/flux-3.1/edit-image", bad));

        Assert.Equal(new Uri(sim.Server.BaseUrl, $"fal-queue/blackforestlabs/flux-3.1/requests/{ok["request_id"]}").ToString(), (string)ok["response_url"]!);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal(["body", "bounding_boxes", "0", "src_bbox"], error!["detail"]![0]!["loc"]!.AsArray().Select(n => (string)n!));
    }

    [Fact]
    public async Task AnUnknownField_IsCountedAndIgnored_AsOnEveryFalApp()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        await sim.PostOkAsync("fal/blackforestlabs/flux-3/text-to-image", new JsonObject { ["prompt"] = "p", ["num_images"] = 1 });

        Assert.Equal(1, sim.Server.Counters.GetUnknownField("fal", "blackforestlabs/flux-3/text-to-image", "num_images"));
    }

    private static async Task<JsonNode> WaitForResultAsync(SimulatorHarness sim, string responseUrl)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            var (_, status) = await sim.SendAsync(SimulatorHarness.Json(HttpMethod.Get, responseUrl + "/status", null));
            if ((string)status!["status"]! == "COMPLETED")
            {
                var (response, result) = await sim.SendAsync(SimulatorHarness.Json(HttpMethod.Get, responseUrl, null));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                return result!;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException("the fal job did not complete");
    }
}
