using System.Text.Json;
using Flux2.Client.Tests.Providers;

namespace Flux2.Client.Tests.Shapes;

/// <summary>LoRAs and finetunes go to the endpoints that take them, and are refused before any request everywhere else.</summary>
public sealed class LoraRoutingTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    private static Flux2ImageRequest Request(string provider, string model, params Flux2Lora[] loras) => new()
    {
        Prompt = "a watercolor fox",
        Provider = provider,
        Model = model,
        Size = "1024x1024",
        Loras = [.. loras],
    };

    [Fact]
    public async Task Fal_DevWithLoras_GoesToTheLoraApp_WithLorasInTheBody_AndIsPricedAtTheLoraRate()
    {
        using var harness = Fal();

        Flux2ImageResult result = await harness.Client.GenerateAsync(Request(Flux2Providers.Fal, Flux2Models.Dev, new Flux2Lora("https://example.com/style.safetensors", 0.7), new Flux2Lora("owner/repo")));

        Assert.Single(result.Images);
        var submit = harness.Recorder.Requests.Single(r => r.Method == HttpMethod.Post);
        Assert.EndsWith("/fal-ai/flux-2/lora", submit.Uri.AbsolutePath, StringComparison.Ordinal);
        JsonElement loras = JsonDocument.Parse(submit.Body!).RootElement.GetProperty("loras");
        Assert.Equal(2, loras.GetArrayLength());
        Assert.Equal("https://example.com/style.safetensors", loras[0].GetProperty("path").GetString());
        Assert.Equal(0.7, loras[0].GetProperty("scale").GetDouble());
        Assert.Equal(0.042m, result.Cost.EstimatedUsd); // fal's published $0.021/MP for dev with LoRAs; 1024x1024 is 1.05 MP, billed as 2.
    }

    [Fact]
    public async Task Fal_KleinWithLorasAndReferences_GoesToTheKleinEditLoraApp()
    {
        using var harness = Fal();
        Flux2ImageRequest request = Request(Flux2Providers.Fal, Flux2Models.Klein4B, new Flux2Lora("owner/repo", 2));
        request.ReferenceImages = ["https://example.com/a.png"];

        await harness.Client.GenerateAsync(request);

        var submit = harness.Recorder.Requests.Single(r => r.Method == HttpMethod.Post);
        Assert.EndsWith("/fal-ai/flux-2/klein/4b/edit/lora", submit.Uri.AbsolutePath, StringComparison.Ordinal);
        Assert.Equal(0, fixture.Server.Counters.UnknownFields);
    }

    [Fact]
    public async Task Aiml_DevWithLorasAndReferences_UsesTheLoraEditModel()
    {
        using var harness = AdapterHarness.Create(fixture.Server, Flux2Providers.AimlApi, "aiml");
        Flux2ImageRequest request = Request(Flux2Providers.AimlApi, Flux2Models.Dev, new Flux2Lora("owner/repo", 1.2));
        request.ReferenceImages = ["https://example.com/a.png"];

        Flux2ImageResult result = await harness.Client.GenerateAsync(request);

        Assert.Single(result.Images);
        JsonElement body = JsonDocument.Parse(harness.Recorder.Requests.Single(r => r.Method == HttpMethod.Post).Body!).RootElement;
        Assert.Equal("blackforestlabs/flux-2-lora-edit", body.GetProperty("model").GetString());
        Assert.Equal("owner/repo", body.GetProperty("loras")[0].GetProperty("path").GetString());
        Assert.False(body.GetProperty("enable_prompt_expansion").GetBoolean());
        Assert.Null(result.Cost.EstimatedUsd); // AIML publishes no price: unknown, not borrowed.
    }

    [Fact]
    public async Task Bfl_KleinWithAFinetune_GoesToTheFinetunedEndpoint()
    {
        using var harness = AdapterHarness.Create(fixture.Server, Flux2Providers.Bfl, "bfl");

        Flux2ImageResult result = await harness.Client.GenerateAsync(Request(Flux2Providers.Bfl, Flux2Models.Klein9B, new Flux2Lora("my-org/brand-style", 1.1)));

        Assert.Single(result.Images);
        var submit = harness.Recorder.Requests.First(r => r.Method == HttpMethod.Post);
        Assert.EndsWith("/v1/flux-2-klein-9b-finetuned", submit.Uri.AbsolutePath, StringComparison.Ordinal);
        JsonElement body = JsonDocument.Parse(submit.Body!).RootElement;
        Assert.Equal("my-org/brand-style", body.GetProperty("finetune_id").GetString());
        Assert.Equal(1.1, body.GetProperty("finetune_strength").GetDouble());
        Assert.Equal(1, fixture.Server.Counters.Get("bfl", "submit"));
    }

    [Theory]
    [InlineData(Flux2Providers.Replicate, "replicate", Flux2Models.Klein4B)]
    [InlineData(Flux2Providers.Replicate, "replicate", Flux2Models.Dev)]
    [InlineData(Flux2Providers.Together, "together", Flux2Models.Dev)]
    [InlineData(Flux2Providers.Segmind, "segmind", Flux2Models.Klein4B)]
    [InlineData(Flux2Providers.Bfl, "bfl", Flux2Models.Pro)]
    [InlineData(Flux2Providers.Fal, "fal", Flux2Models.Pro)]
    [InlineData(Flux2Providers.AimlApi, "aiml", Flux2Models.Pro)]
    public async Task LorasWhereTheModelTakesNone_AreRefusedBeforeAnyRequest_NamingWhereTheyWork(string provider, string dialect, string model)
    {
        using var harness = AdapterHarness.Create(fixture.Server, provider, dialect);

        var error = await Assert.ThrowsAsync<Flux2Exception>(() => harness.Client.GenerateAsync(Request(provider, model, new Flux2Lora("owner/repo"))));

        Assert.Equal(Flux2ErrorKind.Unsupported, error.Kind);
        Assert.Equal("loras", error.Parameter);
        Assert.Contains($"{model} on {provider} takes no LoRAs", error.Message, StringComparison.Ordinal);
        Assert.Contains("fal (flux-2-dev, flux-2-klein-4b, flux-2-klein-9b)", error.Message, StringComparison.Ordinal);
        Assert.Contains("bfl (flux-2-klein-4b finetune, flux-2-klein-9b finetune)", error.Message, StringComparison.Ordinal);
        Assert.Contains("aimlapi (flux-2-dev)", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, fixture.Server.Counters.Total);
        Assert.Empty(harness.Recorder.Requests);
    }

    [Fact]
    public async Task FourLorasOnFal_OrTwoFinetunesOnBfl_AreInvalidBeforeAnyRequest()
    {
        using var fal = Fal();
        var tooMany = await Assert.ThrowsAsync<Flux2Exception>(() => fal.Client.GenerateAsync(Request(Flux2Providers.Fal, Flux2Models.Dev, [.. Enumerable.Range(1, 4).Select(i => new Flux2Lora($"owner/repo-{i}"))])));
        using var bfl = AdapterHarness.Create(fixture.Server, Flux2Providers.Bfl, "bfl");
        var two = await Assert.ThrowsAsync<Flux2Exception>(() => bfl.Client.GenerateAsync(Request(Flux2Providers.Bfl, Flux2Models.Klein4B, new Flux2Lora("a"), new Flux2Lora("b"))));

        Assert.Equal(Flux2ErrorKind.InvalidArgument, tooMany.Kind);
        Assert.Contains("at most 3 LoRAs", tooMany.Message, StringComparison.Ordinal);
        Assert.Equal(Flux2ErrorKind.InvalidArgument, two.Kind);
        Assert.Contains("exactly one finetune", two.Message, StringComparison.Ordinal);
        Assert.Equal(0, fixture.Server.Counters.Total);
    }

    [Theory]
    [InlineData(-0.5)]
    [InlineData(4.5)]
    [InlineData(double.NaN)]
    public async Task ALoraScaleOutside0To4_IsInvalid(double scale)
    {
        using var fal = Fal();

        var error = await Assert.ThrowsAsync<Flux2Exception>(() => fal.Client.GenerateAsync(Request(Flux2Providers.Fal, Flux2Models.Dev, new Flux2Lora("owner/repo", scale))));

        Assert.Equal(Flux2ErrorKind.InvalidArgument, error.Kind);
        Assert.Contains("0 to 4", error.Message, StringComparison.Ordinal);
    }

    private AdapterHarness Fal() => AdapterHarness.Create(fixture.Server, Flux2Providers.Fal, "fal", settings => settings.QueueBaseUrl = fixture.Server.DialectUrl("fal-queue"));
}
