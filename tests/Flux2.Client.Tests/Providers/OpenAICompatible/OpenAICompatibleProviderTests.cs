using System.Text.Json;
using Flux2.Simulator;
using Microsoft.Extensions.AI;

namespace Flux2.Client.Tests.Providers.OpenAICompatible;

public sealed class OpenAICompatibleProviderTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    private static Flux2ImageRequest Request(string model = Flux2Models.Pro, string provider = Flux2Providers.AimlApi) => new()
    {
        Prompt = "a paper boat on a puddle",
        Model = model,
        Size = "512x512",
        Seed = 3,
        Provider = provider,
    };

    private static JsonElement Body(AdapterHarness harness)
    {
        using var document = JsonDocument.Parse(harness.Recorder.Requests.Single(r => r.Method == HttpMethod.Post).Body!);
        return document.RootElement.Clone();
    }

    [Fact]
    public async Task Aiml_Generate_ReportsCreditsAsDollars()
    {
        using var harness = AdapterHarness.Create(fixture.Server, Flux2Providers.AimlApi, "aiml");

        Flux2ImageResult result = await harness.Client.GenerateAsync(Request());

        Assert.NotNull(Assert.Single(result.Images).Url);
        // The simulator charges 63,000 credits per started megapixel (512x512 starts one); AIML bills $1 per 2,000,000 credits.
        Assert.Equal("63000 credits", result.Cost.ProviderReported);
        Assert.Equal(0.0315m, result.Cost.ActualUsd);
        JsonElement body = Body(harness);
        Assert.Equal("blackforestlabs/flux-2-pro", body.GetProperty("model").GetString());
        Assert.Equal(512, body.GetProperty("image_size").GetProperty("width").GetInt32());
        Assert.Equal("Bearer " + AdapterHarness.ApiKey, harness.Recorder.Requests.Single().Headers["Authorization"]);
    }

    [Fact]
    public async Task Aiml_GenerateWithReferenceImages_UsesTheEditModel()
    {
        using var harness = AdapterHarness.Create(fixture.Server, Flux2Providers.AimlApi, "aiml");
        Flux2ImageRequest request = Request();
        request.ReferenceImages = ["https://example.com/a.png", "https://example.com/b.png"];

        await harness.Client.GenerateAsync(request);

        JsonElement body = Body(harness);
        Assert.Equal("blackforestlabs/flux-2-pro-edit", body.GetProperty("model").GetString());
        Assert.Equal(2, body.GetProperty("image_urls").GetArrayLength());
    }

    [Fact]
    public async Task Aiml_GenerateDevWithSeveralImages_SendsNumImagesOnce()
    {
        using var harness = AdapterHarness.Create(fixture.Server, Flux2Providers.AimlApi, "aiml");
        Flux2ImageRequest request = Request(Flux2Models.Dev);
        request.NumImages = 3;
        request.SafetyTolerance = 6;

        Flux2ImageResult result = await harness.Client.GenerateAsync(request);

        Assert.Equal(3, result.Images.Count);
        JsonElement body = Body(harness);
        Assert.Equal(3, body.GetProperty("num_images").GetInt32());
        // AIML's flux-2 (dev) has only enable_safety_checker; prompt expansion is on by default there, so it is turned off.
        Assert.False(body.TryGetProperty("safety_tolerance", out _));
        Assert.Contains(result.Warnings, w => w.Contains("safety_tolerance", StringComparison.Ordinal));
        Assert.False(body.GetProperty("enable_prompt_expansion").GetBoolean());
    }

    [Fact]
    public async Task Aiml_GenerateWithB64Json_DecodesImageBytes()
    {
        using var harness = AdapterHarness.Create(fixture.Server, Flux2Providers.AimlApi, "aiml");
        Flux2ImageRequest request = Request();
        request.AdditionalProperties = new AdditionalPropertiesDictionary { ["response_format"] = "b64_json" };

        Flux2ImageResult result = await harness.Client.GenerateAsync(request);

        Flux2Image image = Assert.Single(result.Images);
        Assert.Null(image.Url);
        Assert.NotNull(Flux2ImageData.SniffContentType(image.Data!.Value.Span));
    }

    [Theory]
    [InlineData(SimulatorFaultKind.Unauthorized, Flux2ErrorKind.Authentication)]
    [InlineData(SimulatorFaultKind.PaymentRequired, Flux2ErrorKind.InsufficientCredits)]
    [InlineData(SimulatorFaultKind.CreditsExhausted, Flux2ErrorKind.InsufficientCredits)]
    [InlineData(SimulatorFaultKind.Validation, Flux2ErrorKind.ProviderValidation)]
    [InlineData(SimulatorFaultKind.ContentPolicy, Flux2ErrorKind.ContentFiltered)]
    [InlineData(SimulatorFaultKind.RateLimited, Flux2ErrorKind.RateLimited)]
    [InlineData(SimulatorFaultKind.ServerError, Flux2ErrorKind.ProviderUnavailable)]
    [InlineData(SimulatorFaultKind.Unavailable, Flux2ErrorKind.ProviderUnavailable)]
    [InlineData(SimulatorFaultKind.MalformedJson, Flux2ErrorKind.MalformedResponse)]
    [InlineData(SimulatorFaultKind.EmptyImages, Flux2ErrorKind.EmptyResult)]
    [InlineData(SimulatorFaultKind.DropConnection, Flux2ErrorKind.Network)]
    public async Task Aiml_Generate_WithInjectedFault_ThrowsTypedError(SimulatorFaultKind fault, Flux2ErrorKind expected)
    {
        using var harness = AdapterHarness.Create(fixture.Server, Flux2Providers.AimlApi, "aiml");

        await harness.AssertTypedFaultAsync("generate", fault, expected, Request());
    }

    [Fact]
    public async Task OpenAI_WithMappedModelIds_ServesOnlyMappedModelsUnderTheEndpointsNames()
    {
        using var harness = AdapterHarness.Create(fixture.Server, Flux2Providers.OpenAI, "aiml", p => p.ModelIds["flux-2-pro"] = "blackforestlabs/flux-2-pro");

        Flux2ImageResult result = await harness.Client.GenerateAsync(Request(provider: Flux2Providers.OpenAI));

        Assert.Single(result.Images);
        Assert.Equal(Flux2Providers.OpenAI, result.Provider);
        JsonElement body = Body(harness);
        Assert.Equal("blackforestlabs/flux-2-pro", body.GetProperty("model").GetString());
        Assert.Equal("512x512", body.GetProperty("size").GetString());
        Assert.False(body.TryGetProperty("image_size", out _));
        var rows = harness.Provider(Flux2Providers.OpenAI).Models;
        Assert.Equal(Flux2Models.Pro, Assert.Single(rows).Model);
    }

    [Fact]
    public async Task OpenAI_WithUnmappedModel_FailsBeforeAnyHttpCall()
    {
        using var harness = AdapterHarness.Create(fixture.Server, Flux2Providers.OpenAI, "aiml", p => p.ModelIds["flux-2-pro"] = "blackforestlabs/flux-2-pro");

        var error = await Assert.ThrowsAnyAsync<Flux2Exception>(() => harness.Client.GenerateAsync(Request(Flux2Models.Max, Flux2Providers.OpenAI)));

        Assert.Equal(Flux2ErrorKind.Unsupported, error.Kind);
        Assert.Empty(harness.Recorder.Requests);
    }

    [Theory]
    [InlineData(0, "1")]
    [InlineData(2, "2")]
    [InlineData(6, "6")]
    [InlineData(9, "6")]
    public void Aiml_BuildBody_SendsSafetyToleranceAsClampedText(int tolerance, string expected)
    {
        var warnings = new List<string>();
        var request = ProviderRequest(OpenAICompatibleProfiles.AimlApi.Rows[1]) with { SafetyTolerance = tolerance };

        var body = OpenAICompatibleProvider.BuildBody(OpenAICompatibleProfiles.AimlApi, request, null, warnings);

        Assert.Equal(expected, body["safety_tolerance"]!.GetValue<string>());
        Assert.Equal(expected != tolerance.ToString(System.Globalization.CultureInfo.InvariantCulture), warnings.Count > 0);
    }

    [Theory]
    [InlineData(0L, 1L, true)]
    [InlineData(1L, 1L, false)]
    [InlineData(12345L, 12345L, false)]
    public void Aiml_BuildBody_KeepsSeedsAtLeastOne(long seed, long expected, bool warned)
    {
        var warnings = new List<string>();
        var request = ProviderRequest(OpenAICompatibleProfiles.AimlApi.Rows[1]) with { Seed = seed };

        var body = OpenAICompatibleProvider.BuildBody(OpenAICompatibleProfiles.AimlApi, request, null, warnings);

        Assert.Equal(expected, body["seed"]!.GetValue<long>());
        Assert.Equal(warned, warnings.Count > 0);
    }

    [Theory]
    [InlineData(false, null, "blackforestlabs/flux-2-pro")]
    [InlineData(true, null, "blackforestlabs/flux-2-pro-edit")]
    [InlineData(false, "my-flux2", "my-flux2")]
    [InlineData(true, "my-flux2", "blackforestlabs/flux-2-pro-edit")]
    public void ModelId_PicksEditIdForReferencesAndHonoursModelIds(bool edit, string? mapped, string expected)
    {
        var modelIds = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (mapped is not null)
        {
            modelIds[Flux2Models.Pro] = mapped;
        }

        Assert.Equal(expected, OpenAICompatibleProvider.ModelId(OpenAICompatibleProfiles.AimlApi.Rows[1], edit, modelIds));
    }

    private static Flux2ProviderRequest ProviderRequest(Flux2ModelCapabilities row) => new()
    {
        Capabilities = row,
        Endpoint = new Flux2ProviderEndpoint { BaseUrl = new Uri("http://127.0.0.1:1/"), ApiKey = "k" },
        Prompt = "p",
        Width = 512,
        Height = 512,
    };
}
