using System.Net;
using System.Text.Json.Nodes;

namespace Flux2.Simulator.Tests;

/// <summary>Every dialect checks requests against the model's schema: unknown fields are counted, bad values get the provider's own 422.</summary>
public sealed class ShapeCheckTests
{
    [Fact]
    public async Task Fal_WrongType_Gets422DetailItemsLocatedUnderBody()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var (response, body) = await sim.SendAsync(SimulatorHarness.Json(HttpMethod.Post, "fal/fal-ai/flux-2-pro", new JsonObject { ["prompt"] = "p", ["safety_tolerance"] = 9 }));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var item = body!["detail"]![0]!;
        Assert.Equal("body", (string)item["loc"]![0]!);
        Assert.Equal("safety_tolerance", (string)item["loc"]![1]!);
    }

    [Fact]
    public async Task Bfl_KleinWithWebpOrAFifthImage_Gets422_AndAnUnknownFieldIsCountedNotRejected()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var (webp, error) = await sim.SendAsync(SimulatorHarness.Json(HttpMethod.Post, "bfl/v1/flux-2-klein-4b", new JsonObject { ["prompt"] = "p", ["output_format"] = "webp" }, auth: null, headers: ("x-key", "k")));
        var (extra, _) = await sim.SendAsync(SimulatorHarness.Json(HttpMethod.Post, "bfl/v1/flux-2-klein-4b", new JsonObject { ["prompt"] = "p", ["input_image_5"] = "https://example.com/e.png" }, auth: null, headers: ("x-key", "k")));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, webp.StatusCode);
        Assert.Equal("output_format", (string)error!["detail"]![0]!["loc"]![1]!);
        Assert.Equal(HttpStatusCode.OK, extra.StatusCode);
        Assert.Equal(1, sim.Server.Counters.GetUnknownField("bfl", "flux-2-klein-4b", "input_image_5"));
        Assert.Equal(1, sim.Server.Counters.UnknownFields);
    }

    [Fact]
    public async Task Bfl_FinetunedEndpoint_RequiresAFinetuneId()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var (missing, error) = await sim.SendAsync(SimulatorHarness.Json(HttpMethod.Post, "bfl/v1/flux-2-klein-9b-finetuned", new JsonObject { ["prompt"] = "p" }, auth: null, headers: ("x-key", "k")));
        var (ok, _) = await sim.SendAsync(SimulatorHarness.Json(HttpMethod.Post, "bfl/v1/flux-2-klein-9b-finetuned", new JsonObject { ["prompt"] = "p", ["finetune_id"] = "org/style", ["finetune_strength"] = 1.2 }, auth: null, headers: ("x-key", "k")));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, missing.StatusCode);
        Assert.Equal("finetune_id", (string)error!["detail"]![0]!["loc"]![1]!);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task Together_DevWithImageUrl_IsCounted_AndNOutOfRangeGetsTogethersErrorObject()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var (ok, _) = await sim.SendAsync(SimulatorHarness.Json(HttpMethod.Post, "together/v1/images/generations", new JsonObject { ["model"] = "black-forest-labs/FLUX.2-dev", ["prompt"] = "p", ["image_url"] = "https://example.com/a.png" }, auth: "Bearer t"));
        var (bad, error) = await sim.SendAsync(SimulatorHarness.Json(HttpMethod.Post, "together/v1/images/generations", new JsonObject { ["model"] = "black-forest-labs/FLUX.2-dev", ["prompt"] = "p", ["n"] = 9 }, auth: "Bearer t"));

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(1, sim.Server.Counters.GetUnknownField("together", "black-forest-labs/FLUX.2-dev", "image_url"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Equal("n", (string)error!["error"]!["param"]!);
    }

    [Fact]
    public async Task Aiml_LoraModelWithoutLoras_GetsAimlsErrorBody()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var (response, body) = await sim.SendAsync(SimulatorHarness.Json(HttpMethod.Post, "aiml/v1/images/generations", new JsonObject { ["model"] = "blackforestlabs/flux-2-lora", ["prompt"] = "p" }, auth: "Bearer a"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("loras", (string)body!["message"]!, StringComparison.Ordinal);
        Assert.Equal(422, (int)body["statusCode"]!);
    }

    [Fact]
    public async Task Segmind_KleinWithPixels_IsCounted_AndAnswersAboutOneMegapixelAtTheAspectRatio()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var request = SimulatorHarness.Json(HttpMethod.Post, "segmind/v1/flux-2-klein-4b", new JsonObject { ["prompt"] = "p", ["aspect_ratio"] = "16:9", ["width"] = 512 }, auth: null, headers: ("x-api-key", "sg"));
        var response = await sim.Http.SendAsync(request);

        var (bitmap, _, _) = SimulatorHarness.Decode(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal((1360, 768), (bitmap.Width, bitmap.Height));
        Assert.Equal(1, sim.Server.Counters.GetUnknownField("segmind", "flux-2-klein-4b", "width"));
    }
}
