using System.Net;
using System.Text.Json.Nodes;
using SkiaSharp;

namespace Flux2.Simulator.Tests;

public sealed class OpenAIStyleTests
{
    private static HttpRequestMessage Together(JsonObject body, string? fault = null, string? auth = "Bearer tg") =>
        SimulatorHarness.Json(HttpMethod.Post, "together/v1/images/generations", body, auth: auth, fault: fault);

    private static HttpRequestMessage Aiml(JsonObject body, string? fault = null, string? auth = "Bearer aiml") =>
        SimulatorHarness.Json(HttpMethod.Post, "aiml/v1/images/generations", body, auth: auth, fault: fault);

    [Fact]
    public async Task Together_Url_ReturnsListOfUrlImagesOfTheRequestedSize()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var (_, body) = await sim.SendAsync(Together(new JsonObject { ["model"] = "black-forest-labs/FLUX.2-pro", ["prompt"] = "p", ["width"] = 768, ["height"] = 512, ["n"] = 2, ["output_format"] = "png" }));

        Assert.Equal("list", (string)body!["object"]!);
        var data = body["data"]!.AsArray();
        Assert.Equal(2, data.Count);
        Assert.Equal([0, 1], data.Select(d => (int)d!["index"]!));
        Assert.All(data, d => Assert.Equal("url", (string)d!["type"]!));
        var (bitmap, format, _) = await sim.DownloadImageAsync((string)data[0]!["url"]!);
        Assert.Equal(SKEncodedImageFormat.Png, format);
        Assert.Equal((768, 512), (bitmap.Width, bitmap.Height));
    }

    [Fact]
    public async Task Together_Base64_ReturnsB64Json()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var (_, body) = await sim.SendAsync(Together(new JsonObject { ["model"] = "black-forest-labs/FLUX.2-dev", ["prompt"] = "p", ["width"] = 512, ["height"] = 512, ["response_format"] = "base64" }));

        var item = body!["data"]![0]!;
        Assert.Equal("b64_json", (string)item["type"]!);
        var (_, format, _) = SimulatorHarness.Decode(Convert.FromBase64String((string)item["b64_json"]!));
        Assert.Equal(SKEncodedImageFormat.Jpeg, format);
    }

    [Fact]
    public async Task Together_Errors_UseTheErrorObject_AndRateLimitsSendRetryAfterMs()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var (unauthorized, body) = await sim.SendAsync(Together(new JsonObject { ["model"] = "m", ["prompt"] = "p" }, auth: null));
        sim.Server.Faults.Add("together", "generate", SimulatorFaultKind.RateLimited, retryAfter: TimeSpan.FromMilliseconds(1500));
        var (limited, _) = await sim.SendAsync(Together(new JsonObject { ["model"] = "m", ["prompt"] = "p" }));

        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        Assert.Equal("invalid_api_key", (string)body!["error"]!["code"]!);
        Assert.NotNull(body["error"]!["message"]);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("1500", limited.Headers.GetValues("retry-after-ms").Single());
        Assert.Equal(TimeSpan.FromSeconds(2), limited.Headers.RetryAfter!.Delta);
    }

    [Fact]
    public async Task Aiml_ReturnsDataAndCreditsUsed()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var (_, body) = await sim.SendAsync(Aiml(new JsonObject { ["model"] = "blackforestlabs/flux-2-pro", ["prompt"] = "p", ["image_size"] = new JsonObject { ["width"] = 512, ["height"] = 512 } }));

        var item = body!["data"]![0]!;
        Assert.True(((JsonObject)item).ContainsKey("b64_json"));
        Assert.True((long)body["meta"]!["usage"]!["credits_used"]! > 0);
        var (bitmap, format, _) = await sim.DownloadImageAsync((string)item["url"]!);
        Assert.Equal(SKEncodedImageFormat.Png, format);
        Assert.Equal(512, bitmap.Width);
    }

    [Fact]
    public async Task Aiml_AcceptsOpenAiSizeAndB64Json()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var (_, body) = await sim.SendAsync(Aiml(new JsonObject { ["model"] = "flux-2", ["prompt"] = "p", ["size"] = "640x512", ["n"] = 1, ["response_format"] = "b64_json" }));

        var (bitmap, _, _) = SimulatorHarness.Decode(Convert.FromBase64String((string)body!["data"]![0]!["b64_json"]!));
        Assert.Equal((640, 512), (bitmap.Width, bitmap.Height));
    }

    [Fact]
    public async Task Aiml_CreditsExhausted_Answers403WithAimlErrorShape()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var (response, body) = await sim.SendAsync(Aiml(new JsonObject { ["model"] = "flux-2", ["prompt"] = "p" }, fault: "CreditsExhausted"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(403, (int)body!["statusCode"]!);
        Assert.Equal("/v1/images/generations", (string)body["path"]!);
        Assert.NotNull(body["requestId"]);
        Assert.NotNull(body["message"]);
    }

    [Fact]
    public async Task Segmind_ReturnsRawImageBytes()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var request = SimulatorHarness.Json(HttpMethod.Post, "segmind/v1/flux-2-pro", new JsonObject { ["prompt"] = "p", ["image_urls"] = new JsonArray(), ["width"] = 512, ["height"] = 768, ["output_format"] = "png" }, auth: null, headers: ("x-api-key", "sg"));
        var response = await sim.Http.SendAsync(request);

        Assert.Equal("image/png", response.Content.Headers.ContentType!.MediaType);
        var (bitmap, _, _) = SimulatorHarness.Decode(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal((512, 768), (bitmap.Width, bitmap.Height));
        Assert.Equal(1, sim.Server.Counters.Get("segmind", "generate"));
    }

    [Fact]
    public async Task Segmind_WithBase64_ReturnsJson_AndOutOfCreditsIs406()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var (_, body) = await sim.SendAsync(SimulatorHarness.Json(HttpMethod.Post, "segmind/v1/flux-2-flex", new JsonObject { ["prompt"] = "p", ["image_urls"] = new JsonArray(), ["width"] = 512, ["height"] = 512, ["base64"] = true }, auth: null, headers: ("x-api-key", "sg")));
        var (broke, error) = await sim.SendAsync(SimulatorHarness.Json(HttpMethod.Post, "segmind/v1/flux-2-flex", new JsonObject { ["prompt"] = "p" }, auth: null, fault: "CreditsExhausted", headers: ("x-api-key", "sg")));
        var (missing, _) = await sim.SendAsync(SimulatorHarness.Json(HttpMethod.Post, "segmind/v1/flux-2-flex", new JsonObject { ["prompt"] = "p" }, auth: null));

        SimulatorHarness.Decode(Convert.FromBase64String((string)body!["image"]!));
        Assert.Equal(HttpStatusCode.NotAcceptable, broke.StatusCode);
        Assert.NotNull(error!["error"]);
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
    }
}
