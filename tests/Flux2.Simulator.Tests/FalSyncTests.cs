using System.Net;
using System.Text.Json.Nodes;
using SkiaSharp;

namespace Flux2.Simulator.Tests;

public sealed class FalSyncTests
{
    [Fact]
    public async Task Generate_WithExplicitSize_ReturnsImageOfThatSizeAndFormat()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var body = await sim.PostOkAsync("fal/fal-ai/flux-2", new JsonObject
        {
            ["prompt"] = "a red fox",
            ["image_size"] = new JsonObject { ["width"] = 640, ["height"] = 512 },
            ["output_format"] = "webp",
            ["seed"] = 7,
        });

        var image = body["images"]![0]!;
        Assert.Equal(640, (int)image["width"]!);
        Assert.Equal(512, (int)image["height"]!);
        Assert.Equal("image/webp", (string)image["content_type"]!);
        Assert.Equal(7, (long)body["seed"]!);
        var (bitmap, format, bytes) = await sim.DownloadImageAsync((string)image["url"]!);
        Assert.Equal(SKEncodedImageFormat.Webp, format);
        Assert.Equal((640, 512), (bitmap.Width, bitmap.Height));
        Assert.Equal(bytes.Length, (long)image["file_size"]!);
    }

    [Theory]
    [InlineData("square", 512, 512)]
    [InlineData("square_hd", 1024, 1024)]
    [InlineData("landscape_16_9", 1024, 576)]
    [InlineData("portrait_4_3", 768, 1024)]
    public async Task Generate_WithFalPresetName_UsesFalsOwnPixels(string preset, int width, int height)
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var body = await sim.PostOkAsync("fal/fal-ai/flux-2", new JsonObject { ["prompt"] = "p", ["image_size"] = preset, ["output_format"] = "jpeg" });

        var (bitmap, format, _) = await sim.DownloadImageAsync((string)body["images"]![0]!["url"]!);
        Assert.Equal(SKEncodedImageFormat.Jpeg, format);
        Assert.Equal((width, height), (bitmap.Width, bitmap.Height));
    }

    [Fact]
    public async Task Generate_WithoutImageSize_DefaultsToLandscape43()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var body = await sim.PostOkAsync("fal/fal-ai/flux-2-pro", new JsonObject { ["prompt"] = "p" });

        var image = body["images"]![0]!;
        Assert.Equal((1024, 768), ((int)image["width"]!, (int)image["height"]!));
        Assert.Equal("image/jpeg", (string)image["content_type"]!);
    }

    [Fact]
    public async Task Generate_WithSyncMode_ReturnsDataUri()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var body = await sim.PostOkAsync("fal/fal-ai/flux-2", new JsonObject { ["prompt"] = "p", ["sync_mode"] = true, ["image_size"] = "square" });

        var url = (string)body["images"]![0]!["url"]!;
        Assert.StartsWith("data:image/png;base64,", url, StringComparison.Ordinal);
        var (bitmap, format, _) = await sim.DownloadImageAsync(url);
        Assert.Equal(SKEncodedImageFormat.Png, format);
        Assert.Equal(512, bitmap.Width);
    }

    [Fact]
    public async Task Generate_SameSeedTwice_ReturnsIdenticalBytes_AndAnotherSeedDiffers()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        async Task<byte[]> BytesFor(int seed)
        {
            var body = await sim.PostOkAsync("fal/fal-ai/flux-2", new JsonObject { ["prompt"] = "same", ["seed"] = seed, ["sync_mode"] = true, ["image_size"] = "square" });
            return (await sim.DownloadImageAsync((string)body["images"]![0]!["url"]!)).Bytes;
        }

        var first = await BytesFor(1);
        var again = await BytesFor(1);
        var other = await BytesFor(2);

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public async Task Generate_WithoutSeed_ReportsARandomSeedThatReproducesTheImage()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var seeds = new HashSet<long>();
        JsonNode? last = null;
        for (var i = 0; i < 8; i++)
        {
            last = await sim.PostOkAsync("fal/fal-ai/flux-2", new JsonObject { ["prompt"] = "p", ["image_size"] = "square", ["sync_mode"] = true });
            seeds.Add((long)last["seed"]!);
        }

        var again = await sim.PostOkAsync("fal/fal-ai/flux-2", new JsonObject { ["prompt"] = "p", ["image_size"] = "square", ["sync_mode"] = true, ["seed"] = (long)last!["seed"]! });

        Assert.True(seeds.Count > 1, "eight seedless requests all reported the same seed");
        Assert.Equal((string)last["images"]![0]!["url"]!, (string)again["images"]![0]!["url"]!);
    }

    [Fact]
    public async Task Generate_ProModel_ReturnsOnlyImagesAndSeed_DevAddsNsfwPromptTimings()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var pro = (JsonObject)await sim.PostOkAsync("fal/fal-ai/flux-2-pro", new JsonObject { ["prompt"] = "p", ["image_size"] = "square" });
        var dev = (JsonObject)await sim.PostOkAsync("fal/fal-ai/flux-2", new JsonObject { ["prompt"] = "p", ["image_size"] = "square", ["num_images"] = 2 });

        Assert.Equal(["images", "seed"], pro.Select(p => p.Key).Order());
        Assert.Equal(2, dev["images"]!.AsArray().Count);
        Assert.Equal([false, false], dev["has_nsfw_concepts"]!.AsArray().Select(n => (bool)n!));
        Assert.Equal("p", (string)dev["prompt"]!);
        Assert.NotNull(dev["timings"]);
    }

    [Fact]
    public async Task Generate_EditAppWithoutImageUrls_Answers422WithDetailList()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var (response, body) = await sim.SendAsync(SimulatorHarness.Json(HttpMethod.Post, "fal/fal-ai/flux-2/edit", new JsonObject { ["prompt"] = "p" }));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("image_urls", (string)body!["detail"]![0]!["loc"]![1]!);
    }

    [Fact]
    public async Task Generate_WithoutKey_Answers401WithFalsBody()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var (response, body) = await sim.SendAsync(SimulatorHarness.Json(HttpMethod.Post, "fal/fal-ai/flux-2", new JsonObject { ["prompt"] = "p" }, auth: null));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("No user found for Key ID and Secret", (string)body!["detail"]!);
        Assert.Equal(1, sim.Server.Counters.Get("fal", "sync"));
    }

    [Fact]
    public async Task Generate_AnswersWithFalRequestIdHeader()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var (response, _) = await sim.SendAsync(SimulatorHarness.Json(HttpMethod.Post, "fal/fal-ai/flux-2", new JsonObject { ["prompt"] = "p", ["image_size"] = "square" }));

        Assert.True(response.Headers.Contains("x-fal-request-id"));
    }
}
