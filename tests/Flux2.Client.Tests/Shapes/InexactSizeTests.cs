using System.Text.Json;
using Flux2.Client.Tests.Providers;

namespace Flux2.Client.Tests.Shapes;

/// <summary>Models that take no exact pixels (Replicate klein, Segmind klein) get the nearest aspect ratio and area, and report the real size.</summary>
public sealed class InexactSizeTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    [Fact]
    public async Task ReplicateKlein_EditsWithItsReferencesSentAsImages_AndReturnsTheAskedAspect()
    {
        using var harness = AdapterHarness.Create(fixture.Server, Flux2Providers.Replicate, "replicate");
        var request = new Flux2ImageRequest
        {
            Prompt = "the same lighthouse at night",
            Provider = Flux2Providers.Replicate,
            Model = Flux2Models.Klein4B,
            Size = "landscape_16_9",
            ReferenceImages = [.. Enumerable.Range(1, 5).Select(i => $"https://example.com/ref-{i}.png")],
        };

        Flux2ImageResult result = await harness.Client.GenerateAsync(request);

        JsonElement input = JsonDocument.Parse(harness.Recorder.Requests.First(r => r.Method == HttpMethod.Post).Body!).RootElement.GetProperty("input");
        Assert.Equal(5, input.GetProperty("images").GetArrayLength());
        Assert.False(input.TryGetProperty("input_images", out _));
        Assert.False(input.TryGetProperty("resolution", out _));
        Assert.False(input.TryGetProperty("width", out _));
        Assert.Equal("16:9", input.GetProperty("aspect_ratio").GetString());
        Assert.Equal(1, input.GetProperty("output_megapixels").GetDouble());
        Flux2Image image = Assert.Single(result.Images);
        Assert.NotNull(image.Data);
        Assert.Equal(Flux2ImageData.Dimensions(image.Data!.Value.ToArray()), (image.Width!.Value, image.Height!.Value));
        Assert.InRange(image.Width!.Value / (double)image.Height!.Value, 1.75, 1.80);
        Assert.Equal("image/jpeg", image.ContentType);
        Assert.Contains(result.Warnings, w => w.Contains("1344x768", StringComparison.Ordinal) && w.Contains($"{image.Width}x{image.Height}", StringComparison.Ordinal));
        Assert.Equal(0, fixture.Server.Counters.UnknownFields);
    }

    [Fact]
    public async Task SegmindKlein_SendsTheNearestAspectRatio_AndReportsTheSizeReadFromTheBytes()
    {
        using var harness = AdapterHarness.Create(fixture.Server, Flux2Providers.Segmind, "segmind");
        var request = new Flux2ImageRequest { Prompt = "a fox", Provider = Flux2Providers.Segmind, Model = Flux2Models.Klein4B, Size = "1200x800", Seed = 5 };

        Flux2ImageResult result = await harness.Client.GenerateAsync(request);

        JsonElement body = JsonDocument.Parse(harness.Recorder.Requests.Single(r => r.Method == HttpMethod.Post).Body!).RootElement;
        Assert.Equal("3:2", body.GetProperty("aspect_ratio").GetString());
        Assert.False(body.TryGetProperty("width", out _));
        Assert.False(body.TryGetProperty("seed", out _));
        Flux2Image image = Assert.Single(result.Images);
        Assert.Equal((1248, 832), (image.Width, image.Height));
        Assert.Contains(result.Warnings, w => w.Contains("about 1248x832", StringComparison.Ordinal));
        Assert.Contains(result.Warnings, w => w.Contains("seed", StringComparison.Ordinal));
        Assert.Equal(0.033m, result.Cost.EstimatedUsd);
    }

    [Fact]
    public void SizeEncoding_IsSerializedByName_SoTheModelsResourceSaysHowEachModelTakesSizes() =>
        Assert.Equal("\"AspectRatioAndMegapixels\"", JsonSerializer.Serialize(Flux2SizeEncoding.AspectRatioAndMegapixels));
}
