using System.Text.Json.Nodes;

namespace Flux2.Client.Tests.Providers;

/// <summary>The FLUX 3 family's bodies as each provider's adapter writes them (the simulator's schemas check them over HTTP too).</summary>
public sealed class Flux3WireTests
{
    private static readonly Flux2ProviderEndpoint Endpoint = new() { BaseUrl = new Uri("https://api.bfl.ai"), ApiKey = "k" };

    private static Flux2ProviderRequest Call(Flux2ModelCapabilities row, Action<Flux2ImageRequest>? change = null)
    {
        var request = new Flux2ImageRequest
        {
            Prompt = "a fox <fox> under a tree",
            Model = row.Model,
            Layout = [new Flux2LayoutBox("fox", [0.1, 0.4, 0.5, 0.9], "a red fox")],
            Size = "1600x900",
            Resolution = "2k",
        };
        change?.Invoke(request);
        var adapter = new Moq.Mock<IFlux2Provider>();
        adapter.SetupGet(p => p.Name).Returns(row.Provider);
        adapter.SetupGet(p => p.Models).Returns([row]);
        return Flux2RequestPlanner.Plan(request, adapter.Object, row, Endpoint).Calls[0];
    }

    private static readonly System.Text.Json.JsonSerializerOptions Plain = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static Flux2ModelCapabilities Bfl(string model) => BflModels.All.Single(r => r.Model == model);

    [Fact]
    public void Flux31OnBfl_TakesTheBoxesAsBoundingBoxes_YFirst_InFractions()
    {
        JsonObject body = BflProvider.BuildBody(Call(Bfl(Flux2Models.Flux31Image), r => r.Mode = "quality"), []);

        Assert.Equal(
            """{"prompt":"a fox <fox> under a tree","aspect_ratio":"16:9","resolution":"2k","mode":"quality","bounding_boxes":[{"id":"fox","bbox":[0.4,0.1,0.9,0.5],"desc":"a red fox"}]}""",
            body.ToJsonString(Plain));
    }

    [Fact]
    public void Flux3OnBfl_TakesTheBoxesInThePrompt_OnA1000Grid_TopLeftBottomRight_AndNothingItDoesNotKnow()
    {
        JsonObject body = BflProvider.BuildBody(Call(Bfl(Flux2Models.Flux3Image), r =>
        {
            r.Seed = 3;
            r.Steps = 20;
            r.OutputFormat = "png";
            r.Grounding = false;
            r.SafetyTolerance = 6;
        }), []);

        Assert.Equal(["prompt", "aspect_ratio", "resolution", "grounding", "safety_tolerance"], body.Select(p => p.Key));
        Assert.Equal("a fox <fox> under a tree\n\n[{\"id\":\"fox\",\"bbox\":[400,100,900,500],\"desc\":\"a red fox\"}]", (string?)body["prompt"]);
        Assert.False((bool)body["grounding"]!);
        Assert.Equal(4, (int)body["safety_tolerance"]!);
    }

    [Fact]
    public void WithReferenceImages_ABoxIsATargetBox_AndTheImagesGoAsAList()
    {
        JsonObject body = BflProvider.BuildBody(Call(Bfl(Flux2Models.Flux31Image), r =>
        {
            r.ReferenceImages = ["https://example.com/a.png", "https://example.com/b.png"];
            r.Size = null;
            r.Layout = [new Flux2LayoutBox("fox", [0.1, 0.4, 0.5, 0.9])];
        }), []);

        Assert.Equal("""[{"id":"fox","from":"target","tgt_bbox":[0.4,0.1,0.9,0.5]}]""", body["bounding_boxes"]!.ToJsonString());
        Assert.Equal("""["https://example.com/a.png","https://example.com/b.png"]""", body["images"]!.ToJsonString());
        Assert.Equal("1:1", (string?)body["aspect_ratio"]); // a layout is drawn on a frame: 1:1 without a size
    }

    [Fact]
    public void Flux31WithReferencesAndNoLayout_KeepsTheFirstImagesFraming()
    {
        JsonObject body = BflProvider.BuildBody(Call(Bfl(Flux2Models.Flux31Image), r =>
        {
            r.ReferenceImages = ["https://example.com/a.png"];
            r.Size = null;
            r.Layout = [];
        }), []);

        Assert.Equal("match_first_image", (string?)body["aspect_ratio"]);
    }

    [Fact]
    public void Flux3OnFal_EditsThroughTheEditAppWithImageUrls_AndSendsTheFormatItTakes()
    {
        Flux2ModelCapabilities row = FalModelCatalog.Rows("fal").Single(r => r.Model == Flux2Models.Flux3Image);
        Flux2ProviderRequest call = Call(row, r =>
        {
            r.ReferenceImages = ["https://example.com/a.png"];
            r.OutputFormat = "png";
        });

        JsonObject body = FalProvider.BuildBody(call);

        Assert.Equal("blackforestlabs/flux-3/edit-image", FalProvider.AppId(call));
        Assert.Equal("""["https://example.com/a.png"]""", body["image_urls"]!.ToJsonString());
        Assert.Equal("png", (string?)body["output_format"]);
        Assert.Null(body["images"]);
        Assert.Null(body["image_size"]);
    }

    [Fact]
    public void Flux3OnReplicate_SaysJpgForJpeg_AndSendsGrounding()
    {
        Flux2ModelCapabilities row = ReplicateModels.All.Single(r => r.Model == Flux2Models.Flux3Image);

        JsonObject input = ReplicateProvider.BuildFlux3Input(Call(row, r =>
        {
            r.OutputFormat = "jpeg";
            r.Grounding = true;
            r.Layout = [];
        }), []);

        Assert.Equal("""{"prompt":"a fox <fox> under a tree","aspect_ratio":"16:9","resolution":"2k","grounding":true,"output_format":"jpg"}""", input.ToJsonString(Plain));
    }
}
