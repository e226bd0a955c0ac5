using System.Net;
using System.Text.Json.Nodes;
using SkiaSharp;

namespace Flux2.Simulator.Tests;

/// <summary>BFL's FLUX 3 family over real HTTP: submit, the Pending/Reasoning/Generating/Ready walk, sizes per tier, prices, and the strict 422s.</summary>
public sealed class BflFlux3Tests
{
    private static HttpRequestMessage Submit(string model, JsonObject body) =>
        SimulatorHarness.Json(HttpMethod.Post, $"bfl/v1/{model}", body, auth: null, headers: ("x-key", "bfl-key"));

    private static HttpRequestMessage Poll(string url) => SimulatorHarness.Json(HttpMethod.Get, url, null, auth: null, headers: ("x-key", "bfl-key"));

    /// <summary>Polls until a terminal status, recording each distinct status in order.</summary>
    private static async Task<(JsonNode Done, List<string> Statuses, List<double> Progress)> PollUntilDoneAsync(SimulatorHarness sim, string url)
    {
        var statuses = new List<string>();
        var progress = new List<double>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var (_, body) = await sim.SendAsync(Poll(url));
            var status = (string)body!["status"]!;
            if (statuses.Count == 0 || statuses[^1] != status)
            {
                statuses.Add(status);
            }

            if (status == "Generating")
            {
                progress.Add((double)body["progress"]!);
            }

            if (status is not ("Pending" or "Reasoning" or "Generating") || DateTime.UtcNow > deadline)
            {
                return (body, statuses, progress);
            }

            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task Flux3Image_WalksPendingReasoningGeneratingReady_AndReturnsAnExpandedPromptTheModelsSeedAndTheCost()
    {
        await using var sim = await SimulatorHarness.StartAsync(o => o.Latency = TimeSpan.FromMilliseconds(3000));
        var (response, submit) = await sim.SendAsync(Submit("flux-3-image", new JsonObject { ["prompt"] = "a red fox under a tree", ["aspect_ratio"] = "16:9" }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(4.8, (double)submit!["cost"]!);
        Assert.Equal(1.04, (double)submit["output_mp"]!);
        var (done, statuses, progress) = await PollUntilDoneAsync(sim, (string)submit["polling_url"]!);

        Assert.Equal(["Pending", "Reasoning", "Generating", "Ready"], statuses);
        Assert.NotEmpty(progress);
        Assert.All(progress, p => Assert.InRange(p, 0.0, 1.0));
        var result = done["result"]!;
        var prompt = (string)result["prompt"]!;
        Assert.StartsWith("a red fox under a tree", prompt, StringComparison.Ordinal);
        Assert.True(prompt.Length > "a red fox under a tree".Length + 20, $"the prompt was not expanded: {prompt}");
        Assert.True((long)result["seed"]! > 0);
        Assert.Equal(4.8, (double)result["cost"]!);
        Assert.Equal(4.8, (double)done["cost"]!);
        Assert.True((double)result["end_time"]! >= (double)result["start_time"]!);
        var (bitmap, format, bytes) = await sim.DownloadImageAsync((string)result["sample"]!);
        Assert.Equal((1360, 768), (bitmap.Width, bitmap.Height));
        Assert.Equal(SKEncodedImageFormat.Png, format);
        Assert.True(ContainsC2paChunk(bytes, "caBX"), "a BFL PNG carries its C2PA manifest store in a caBX chunk");
    }

    [Theory]
    [InlineData("flux-3-image", "768sq", "1:1", 768, 768, 4.1)]
    [InlineData("flux-3-image", "1.5k", "16:9", 2048, 1152, 7.0)]
    [InlineData("flux-3-image", "2k", "1:1", 2048, 2048, 10.0)]
    [InlineData("flux-3-image", "4k", "16:9", 5456, 3072, 60.7)]
    [InlineData("flux-3-image-klein", "1k", "1:1", 1024, 1024, 0.9)]
    [InlineData("flux-3-image-klein", "4k", "1:1", 4096, 4096, 3.6)]
    [InlineData("flux-3.1-image", "2MP", "1:1", 1456, 1456, 4.5)]
    [InlineData("flux-3.1-image", "2K", "9:16", 1536, 2736, 6.0)]
    public async Task Resolution_TierAndAspect_DecideThePixels_AndTheTierThePrice(string model, string resolution, string aspect, int width, int height, double cost)
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var (_, submit) = await sim.SendAsync(Submit(model, new JsonObject { ["prompt"] = "a lighthouse", ["resolution"] = resolution, ["aspect_ratio"] = aspect }));

        Assert.Equal(cost, (double)submit!["cost"]!);
        var (done, _, _) = await PollUntilDoneAsync(sim, (string)submit["polling_url"]!);
        var started = System.Diagnostics.Stopwatch.StartNew();
        var (bitmap, _, _) = await sim.DownloadImageAsync((string)done["result"]!["sample"]!);
        Assert.Equal((width, height), (bitmap.Width, bitmap.Height));
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(5), $"the {resolution} image took {started.Elapsed.TotalMilliseconds:0} ms to fetch and decode");
    }

    [Fact]
    public async Task Auto_WithoutImagesIsSquare_AndWithAnImageFollowsTheFirstImagesAspect()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var (_, square) = await sim.SendAsync(Submit("flux-3-image", new JsonObject { ["prompt"] = "p" }));
        using var portrait = new SKBitmap(600, 800);
        var reference = Convert.ToBase64String(portrait.Encode(SKEncodedImageFormat.Png, 100).ToArray());
        var (_, edit) = await sim.SendAsync(Submit("flux-3-image", new JsonObject { ["prompt"] = "p", ["images"] = new JsonArray(reference) }));
        var (_, matched) = await sim.SendAsync(Submit("flux-3.1-image", new JsonObject { ["prompt"] = "p", ["images"] = new JsonArray("data:image/png;base64," + reference), ["aspect_ratio"] = "match_first_image" }));

        Assert.Equal(1.0, (double)square!["output_mp"]!, 1);
        var (squareDone, _, _) = await PollUntilDoneAsync(sim, (string)square["polling_url"]!);
        var (editDone, _, _) = await PollUntilDoneAsync(sim, (string)edit!["polling_url"]!);
        var (matchedDone, _, _) = await PollUntilDoneAsync(sim, (string)matched!["polling_url"]!);
        var (s, _, _) = await sim.DownloadImageAsync((string)squareDone["result"]!["sample"]!);
        var (e, _, _) = await sim.DownloadImageAsync((string)editDone["result"]!["sample"]!);
        var (m, _, _) = await sim.DownloadImageAsync((string)matchedDone["result"]!["sample"]!);
        Assert.Equal(s.Width, s.Height);
        Assert.InRange((double)e.Width / e.Height, 0.72, 0.78);
        Assert.InRange((double)m.Width / m.Height, 0.72, 0.78);
        Assert.Equal(4.8, (double)edit["cost"]!);
    }

    [Theory]
    [InlineData("flux-3-image", """{"prompt":"p","seed":42}""", "seed")]
    [InlineData("flux-3-image", """{"prompt":"p","width":1024}""", "width")]
    [InlineData("flux-3-image", """{"prompt":"p","webhook_url":"https://example.com/hook"}""", "webhook_url")]
    [InlineData("flux-3-image-klein", """{"prompt":"p","output_format":"png"}""", "output_format")]
    [InlineData("flux-3.1-image", """{"prompt":"p","seed":1}""", "seed")]
    [InlineData("flux-3.1-image", """{"prompt":"p","steps":20}""", "steps")]
    [InlineData("flux-3.1-image", """{"prompt":"p","grounding":true}""", "grounding")]
    public async Task AnExtraField_Gets422ExtraForbidden_AsTheRealApiAnswers(string model, string body, string field)
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var (response, error) = await sim.SendAsync(SimulatorHarness.Json(HttpMethod.Post, $"bfl/v1/{model}", body, auth: null, headers: ("x-key", "k")));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var item = Assert.Single(error!["detail"]!.AsArray())!;
        Assert.Equal(["body", field], item["loc"]!.AsArray().Select(n => (string)n!));
        Assert.Equal("Extra inputs are not permitted", (string)item["msg"]!);
        Assert.Equal("extra_forbidden", (string)item["type"]!);
        Assert.Empty(sim.Server.Jobs);
    }

    [Fact]
    public async Task AnEmptyBody_Gets422NamingThePrompt()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var (response, error) = await sim.SendAsync(SimulatorHarness.Json(HttpMethod.Post, "bfl/v1/flux-3-image", "{}", auth: null, headers: ("x-key", "k")));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("prompt", (string)error!["detail"]![0]!["loc"]![1]!);
    }

    [Theory]
    [InlineData("""[{"id":"fox","bbox":[0.1,0.2,0.5,0.9]},{"id":"fox","bbox":[0.5,0.2,0.9,0.9]}]""", "unique")]
    [InlineData("""[{"id":"fox","bbox":[0.5,0.2,0.1,0.9]}]""", "y_min < y_max")]
    [InlineData("""[{"id":"fox","bbox":[0.1,0.2,0.5,1.2]}]""", "from 0 to 1")]
    [InlineData("""[{"id":"fox","from":"target","src_bbox":[0,0,1,1],"tgt_bbox":[0,0,0.5,0.5]}]""", "src_bbox")]
    [InlineData("""[{"id":"fox","from":"ref_image_1","tgt_bbox":[0,0,0.5,0.5]}]""", "ref_image_N")]
    public async Task Flux31_BoundingBoxesBreakingBflsRules_Get422(string boxes, string expected)
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var body = new JsonObject { ["prompt"] = "<fox>", ["images"] = new JsonArray("https://example.com/a.png"), ["bounding_boxes"] = JsonNode.Parse(boxes) };
        var (response, error) = await sim.SendAsync(Submit("flux-3.1-image", body));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("bounding_boxes", (string)error!["detail"]![0]!["loc"]![1]!);
        Assert.Contains(expected, (string)error["detail"]![0]!["msg"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Flux31_WithLayoutBoxesAndMode_IsAccepted()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var body = JsonNode.Parse("""{"prompt":"a fox <fox> under a tree","bounding_boxes":[{"id":"fox","bbox":[0.1,0.4,0.5,0.9],"desc":"a red fox"}],"mode":"fast","resolution":"2k","aspect_ratio":"4:5"}""")!.AsObject();
        var (response, submit) = await sim.SendAsync(Submit("flux-3.1-image", body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (done, _, _) = await PollUntilDoneAsync(sim, (string)submit!["polling_url"]!);
        Assert.Equal("Ready", (string)done["status"]!);
    }

    [Fact]
    public async Task Flux2OnBfl_AlsoCarriesContentCredentials_InJpegApp11()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var (_, submit) = await sim.SendAsync(Submit("flux-2-pro", new JsonObject { ["prompt"] = "p", ["width"] = 512, ["height"] = 512 }));
        var (done, _, _) = await PollUntilDoneAsync(sim, (string)submit!["polling_url"]!);
        var (bitmap, format, bytes) = await sim.DownloadImageAsync((string)done["result"]!["sample"]!);

        Assert.Equal(SKEncodedImageFormat.Jpeg, format);
        Assert.Equal(512, bitmap.Width);
        Assert.True(HasJpegApp11Jumbf(bytes), "no APP11 JUMBF segment with the c2pa label");
    }

    /// <summary>A PNG chunk of that type whose data is a JUMBF superbox labelled c2pa.</summary>
    internal static bool ContainsC2paChunk(byte[] png, string type)
    {
        for (var at = 8; at + 12 <= png.Length;)
        {
            var length = (int)System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at));
            if (System.Text.Encoding.ASCII.GetString(png, at + 4, 4) == type)
            {
                return IsC2paStore(png.AsSpan(at + 8, length));
            }

            at += 12 + length;
        }

        return false;
    }

    /// <summary>An APP11 segment ("JP", packet 1) whose box is the c2pa manifest store.</summary>
    internal static bool HasJpegApp11Jumbf(byte[] jpeg)
    {
        for (var at = 2; at + 4 <= jpeg.Length && jpeg[at] == 0xFF && jpeg[at + 1] != 0xDA;)
        {
            var length = (jpeg[at + 2] << 8) | jpeg[at + 3];
            if (jpeg[at + 1] == 0xEB && jpeg[at + 4] == 'J' && jpeg[at + 5] == 'P')
            {
                return IsC2paStore(jpeg.AsSpan(at + 12, length - 10));
            }

            at += 2 + length;
        }

        return false;
    }

    private static bool IsC2paStore(ReadOnlySpan<byte> box) =>
        box.Length > 8 + 8 + 16 + 1 + 4
        && box.Slice(4, 4).SequenceEqual("jumb"u8) && box.Slice(12, 4).SequenceEqual("jumd"u8)
        && box.Slice(16, 4).SequenceEqual("c2pa"u8) && box.Slice(20, 12).SequenceEqual(new byte[] { 0x00, 0x11, 0x00, 0x10, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71 })
        && box.Slice(33, 5).SequenceEqual("c2pa\0"u8);
}
