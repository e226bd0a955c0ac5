using System.Text.Json;
using Flux2.Simulator;
using Microsoft.Extensions.AI;

namespace Flux2.Client.Tests.Providers.Together;

public sealed class TogetherProviderTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    private static Flux2ImageRequest Request(int images = 1) => new()
    {
        Prompt = "a bowl of ramen, studio light",
        Model = Flux2Models.Dev,
        Size = "256x256",
        NumImages = images,
        Seed = 5,
    };

    private static JsonElement Body(AdapterHarness harness)
    {
        using var document = JsonDocument.Parse(harness.Recorder.Requests.Single(r => r.Method == HttpMethod.Post).Body!);
        return document.RootElement.Clone();
    }

    [Fact]
    public async Task Generate_WithTwoImages_SendsOneRequestAndReturnsUrls()
    {
        using var harness = AdapterHarness.Create(fixture.Server, Flux2Providers.Together, "together");

        Flux2ImageResult result = await harness.Client.GenerateAsync(Request(images: 2));

        Assert.Equal(2, result.Images.Count);
        Assert.All(result.Images, image => Assert.NotNull(image.Url));
        Assert.Equal(1, harness.Simulator.Counters.Get("together", "generate"));
        JsonElement body = Body(harness);
        Assert.Equal("black-forest-labs/FLUX.2-dev", body.GetProperty("model").GetString());
        Assert.Equal(2, body.GetProperty("n").GetInt32());
        Assert.Equal("url", body.GetProperty("response_format").GetString());
    }

    [Fact]
    public async Task Generate_WithBase64Mode_DecodesImageBytes()
    {
        using var harness = AdapterHarness.Create(fixture.Server, Flux2Providers.Together, "together", p => p.Mode = "base64");

        Flux2ImageResult result = await harness.Client.GenerateAsync(Request());

        Flux2Image image = Assert.Single(result.Images);
        Assert.Null(image.Url);
        Assert.NotNull(image.Data);
        Assert.NotNull(Flux2ImageData.SniffContentType(image.Data!.Value.Span));
    }

    [Fact]
    public async Task Generate_WithResponseFormatAdditionalProperty_DecodesImageBytes()
    {
        using var harness = AdapterHarness.Create(fixture.Server, Flux2Providers.Together, "together");
        Flux2ImageRequest request = Request();
        request.AdditionalProperties = new AdditionalPropertiesDictionary { ["response_format"] = "b64_json" };

        Flux2ImageResult result = await harness.Client.GenerateAsync(request);

        Assert.NotNull(Assert.Single(result.Images).Data);
        Assert.Equal("base64", Body(harness).GetProperty("response_format").GetString());
    }

    [Fact]
    public async Task Generate_WhenThrottledOnce_HonoursRetryAfterMsAndSucceeds()
    {
        // The 429 says "retry-after-ms: 1500" and "Retry-After: 2" (whole seconds): the retry waits 1.5 s plus at most 10 % jitter,
        // so the millisecond header was read; on a fake clock, nothing is sent again before it has passed.
        var time = new TimerWatchingTimeProvider();
        using var harness = AdapterHarness.Create(fixture.Server, Flux2Providers.Together, "together", time: time);
        harness.Simulator.Faults.Add("together", "generate", SimulatorFaultKind.RateLimited, times: 1, retryAfter: TimeSpan.FromMilliseconds(1500));

        Task<Flux2ImageResult> call = harness.Client.GenerateAsync(Request());
        await time.AdvanceThroughWaitAsync(TimeSpan.FromMilliseconds(1500), TimeSpan.FromMilliseconds(1650),
            () => Assert.Equal(1, harness.Simulator.Counters.Get("together", "generate")), "the retry 1.5 s (+ up to 150 ms jitter) after the 429");
        Flux2ImageResult result = await call.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Single(result.Images);
        Assert.Equal(2, harness.Simulator.Counters.Get("together", "generate"));
    }

    [Theory]
    [InlineData(SimulatorFaultKind.Unauthorized, Flux2ErrorKind.Authentication)]
    [InlineData(SimulatorFaultKind.PaymentRequired, Flux2ErrorKind.InsufficientCredits)]
    [InlineData(SimulatorFaultKind.Validation, Flux2ErrorKind.ProviderValidation)]
    [InlineData(SimulatorFaultKind.ContentPolicy, Flux2ErrorKind.ContentFiltered)]
    [InlineData(SimulatorFaultKind.RateLimited, Flux2ErrorKind.RateLimited)]
    [InlineData(SimulatorFaultKind.ServerError, Flux2ErrorKind.ProviderUnavailable)]
    [InlineData(SimulatorFaultKind.Unavailable, Flux2ErrorKind.ProviderUnavailable)]
    [InlineData(SimulatorFaultKind.MalformedJson, Flux2ErrorKind.MalformedResponse)]
    [InlineData(SimulatorFaultKind.EmptyImages, Flux2ErrorKind.EmptyResult)]
    [InlineData(SimulatorFaultKind.DropConnection, Flux2ErrorKind.Network)]
    public async Task Generate_WithInjectedFault_ThrowsTypedError(SimulatorFaultKind fault, Flux2ErrorKind expected)
    {
        using var harness = AdapterHarness.Create(fixture.Server, Flux2Providers.Together, "together");

        await harness.AssertTypedFaultAsync("generate", fault, expected, Request());
    }

    [Fact]
    public async Task Generate_WhenValidationFails_NamesTheParameter()
    {
        using var harness = AdapterHarness.Create(fixture.Server, Flux2Providers.Together, "together");
        harness.Simulator.Faults.Add("together", "generate", SimulatorFaultKind.Validation);

        var error = await Assert.ThrowsAnyAsync<Flux2Exception>(() => harness.Client.GenerateAsync(Request()));

        Assert.Contains("width must be a multiple of 16", error.Message, StringComparison.Ordinal);
    }
}
