using Flux2.Simulator;
using Microsoft.Extensions.AI;

namespace Flux2.Client.Tests.Providers.Segmind;

public sealed class SegmindProviderTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    private static Flux2ImageRequest Request() => new()
    {
        Prompt = "an origami crane",
        Model = Flux2Models.Pro,
        Size = "256x256",
        OutputFormat = "png",
    };

    [Fact]
    public async Task Generate_WithRawImageBody_ReturnsBytesAndSeed()
    {
        using var harness = AdapterHarness.Create(fixture.Server, Flux2Providers.Segmind, "segmind");

        Flux2ImageResult result = await harness.Client.GenerateAsync(Request());

        Flux2Image image = Assert.Single(result.Images);
        Assert.Null(image.Url);
        Assert.Equal("image/png", image.ContentType);
        Assert.Equal("image/png", Flux2ImageData.SniffContentType(image.Data!.Value.Span));
        Assert.NotNull(result.Seed);
        var post = harness.Recorder.Requests.Single();
        Assert.EndsWith("/segmind/v1/flux-2-pro", post.Uri.AbsolutePath, StringComparison.Ordinal);
        Assert.Equal(AdapterHarness.ApiKey, post.Headers["x-api-key"]);
    }

    [Fact]
    public async Task Generate_WithBase64Json_DecodesTheImage()
    {
        using var harness = AdapterHarness.Create(fixture.Server, Flux2Providers.Segmind, "segmind");
        Flux2ImageRequest request = Request();
        request.AdditionalProperties = new AdditionalPropertiesDictionary { ["base64"] = true };

        Flux2ImageResult result = await harness.Client.GenerateAsync(request);

        Flux2Image image = Assert.Single(result.Images);
        Assert.Equal("image/png", Flux2ImageData.SniffContentType(image.Data!.Value.Span));
        Assert.NotNull(result.Seed);
    }

    [Theory]
    [InlineData(SimulatorFaultKind.Unauthorized, Flux2ErrorKind.Authentication)]
    [InlineData(SimulatorFaultKind.CreditsExhausted, Flux2ErrorKind.InsufficientCredits)]
    [InlineData(SimulatorFaultKind.PaymentRequired, Flux2ErrorKind.InsufficientCredits)]
    [InlineData(SimulatorFaultKind.Validation, Flux2ErrorKind.ProviderValidation)]
    [InlineData(SimulatorFaultKind.ContentPolicy, Flux2ErrorKind.ContentFiltered)]
    [InlineData(SimulatorFaultKind.NsfwFlagged, Flux2ErrorKind.ContentFiltered)]
    [InlineData(SimulatorFaultKind.RateLimited, Flux2ErrorKind.RateLimited)]
    [InlineData(SimulatorFaultKind.ServerError, Flux2ErrorKind.ProviderUnavailable)]
    [InlineData(SimulatorFaultKind.BadGateway, Flux2ErrorKind.ProviderUnavailable)]
    [InlineData(SimulatorFaultKind.EmptyImages, Flux2ErrorKind.EmptyResult)]
    [InlineData(SimulatorFaultKind.DropConnection, Flux2ErrorKind.Network)]
    public async Task Generate_WithInjectedFault_ThrowsTypedError(SimulatorFaultKind fault, Flux2ErrorKind expected)
    {
        using var harness = AdapterHarness.Create(fixture.Server, Flux2Providers.Segmind, "segmind");

        await harness.AssertTypedFaultAsync("generate", fault, expected, Request());
    }

    [Fact]
    public async Task Generate_WithMalformedBase64Json_ThrowsMalformedResponse()
    {
        using var harness = AdapterHarness.Create(fixture.Server, Flux2Providers.Segmind, "segmind");
        harness.Simulator.Faults.Add("segmind", "generate", SimulatorFaultKind.MalformedJson);
        Flux2ImageRequest request = Request();
        request.AdditionalProperties = new AdditionalPropertiesDictionary { ["base64"] = true };

        var error = await Assert.ThrowsAnyAsync<Flux2Exception>(() => harness.Client.GenerateAsync(request));

        Assert.Equal(Flux2ErrorKind.MalformedResponse, error.Kind);
    }
}
