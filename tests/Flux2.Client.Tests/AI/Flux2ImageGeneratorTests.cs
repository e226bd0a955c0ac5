// MEAI001: IImageGenerator is experimental in Microsoft.Extensions.AI 10.x; these tests exercise it on purpose.
#pragma warning disable MEAI001

using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Flux2.Client.Tests.AI;

public sealed class Flux2ImageGeneratorTests
{
    [Fact]
    public async Task GenerateImagesAsync_OverTheSimulator_ReturnsUriContentAndTheNormalizedResult()
    {
        await using var sim = await SimulatedFal.StartAsync();
        IImageGenerator generator = sim.Services.GetRequiredService<IImageGenerator>();
        var options = new ImageGenerationOptions
        {
            Count = 2,
            ImageSize = new System.Drawing.Size(512, 512),
            ModelId = Flux2Models.Dev,
            MediaType = "image/png",
            AdditionalProperties = new AdditionalPropertiesDictionary { ["seed"] = 5, ["num_inference_steps"] = 8 },
        };

        ImageGenerationResponse response = await generator.GenerateImagesAsync("a fox in snow", options);

        Assert.Equal(2, response.Contents.Count);
        Assert.All(response.Contents, c => Assert.IsType<UriContent>(c));
        var result = Assert.IsType<Flux2ImageResult>(response.RawRepresentation);
        Assert.Equal(Flux2Models.Dev, result.Model);
        Assert.Equal(5, result.Seed);
        Assert.Equal(1, sim.Server.Counters.Get("fal-queue", "submit"));
    }

    [Fact]
    public async Task GenerateImagesAsync_AskingForData_FetchesTheImageBytes()
    {
        await using var sim = await SimulatedFal.StartAsync();
        IImageGenerator generator = sim.Services.GetRequiredService<IImageGenerator>();
        var options = new ImageGenerationOptions
        {
            ImageSize = new System.Drawing.Size(256, 256),
            ModelId = Flux2Models.Dev,
            MediaType = "image/png",
            ResponseFormat = ImageGenerationResponseFormat.Data,
        };

        ImageGenerationResponse response = await generator.GenerateImagesAsync("a fox in snow", options);

        DataContent data = Assert.IsType<DataContent>(Assert.Single(response.Contents));
        Assert.Equal("image/png", data.MediaType);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, data.Data[..4].ToArray());
        Assert.Equal(1, sim.Server.Counters.Get("files", "get"));
    }

    [Fact]
    public async Task GenerateImagesAsync_WithSyncModeExtra_ReturnsDataContent()
    {
        await using var sim = await SimulatedFal.StartAsync(mode: "sync");
        IImageGenerator generator = sim.Services.GetRequiredService<IImageGenerator>();
        var options = new ImageGenerationOptions
        {
            ImageSize = new System.Drawing.Size(256, 256),
            MediaType = "image/png",
            AdditionalProperties = new AdditionalPropertiesDictionary { ["sync_mode"] = true },
        };

        ImageGenerationResponse response = await generator.GenerateImagesAsync("a fox in snow", options);

        DataContent data = Assert.IsType<DataContent>(Assert.Single(response.Contents));
        Assert.Equal("image/png", data.MediaType);
        Assert.True(data.Data.Length > 8);
    }

    [Fact]
    public async Task EditImageAsync_SendsTheOriginalAsAReference()
    {
        await using var sim = await SimulatedFal.StartAsync();
        IImageGenerator generator = sim.Services.GetRequiredService<IImageGenerator>();

        ImageGenerationResponse response = await generator.EditImagesAsync(
            [new UriContent(new Uri("https://example.com/cat.png"), "image/png"), new DataContent(TestImages.Png, "image/png")],
            "make it blue",
            new ImageGenerationOptions { ImageSize = new System.Drawing.Size(256, 256) });

        Assert.Single(response.Contents);
        // Both originals reached fal's edit app, in order: the URL as it is, the bytes as a data URI.
        var submit = Assert.Single(sim.Server.Requests.Under("/fal-queue/"), r => r.Method == "POST");
        Assert.Equal("/fal-queue/fal-ai/flux-2-pro/edit", submit.Path);
        using var body = System.Text.Json.JsonDocument.Parse(submit.Body);
        Assert.Equal(
            ["https://example.com/cat.png", "data:image/png;base64," + Convert.ToBase64String(TestImages.Png)],
            body.RootElement.GetProperty("image_urls").EnumerateArray().Select(u => u.GetString()));
        Assert.Equal("make it blue", body.RootElement.GetProperty("prompt").GetString());
    }

    [Fact]
    public void GetService_ReturnsMetadataItselfAndTheClient()
    {
        var services = new ServiceCollection();
        services.AddFlux2Client(configure: o =>
        {
            o.Provider = "fal";
            o.Model = Flux2Models.Flex;
        });
        using ServiceProvider provider = services.BuildServiceProvider();
        IImageGenerator generator = provider.GetRequiredService<IImageGenerator>();

        ImageGeneratorMetadata? metadata = generator.GetService<ImageGeneratorMetadata>();

        Assert.NotNull(metadata);
        Assert.Equal(Flux2Models.Flex, metadata.DefaultModelId);
        Assert.Equal(new Uri("https://fal.run"), metadata.ProviderUri);
        Assert.Same(generator, generator.GetService<Flux2ImageGenerator>());
        Assert.NotNull(generator.GetService<IFlux2Client>());
    }

    [Fact]
    public async Task EachContent_CarriesSeedProviderModelAndCost_InItsAdditionalProperties()
    {
        await using var sim = await SimulatedFal.StartAsync();
        IImageGenerator generator = sim.Services.GetRequiredService<IImageGenerator>();

        ImageGenerationResponse response = await generator.GenerateImagesAsync("a fox in snow", new ImageGenerationOptions
        {
            ImageSize = new System.Drawing.Size(992, 992),
            AdditionalProperties = new AdditionalPropertiesDictionary { ["seed"] = 11 },
        });

        var content = Assert.Single(response.Contents);
        AdditionalPropertiesDictionary properties = content.AdditionalProperties!;
        Assert.Equal(11L, properties["seed"]);
        Assert.Equal("fal", properties["provider"]);
        Assert.Equal(Flux2Models.Pro, properties["model"]);
        Assert.Equal(0.03m, properties["estimated_cost_usd"]); // fal flux-2-pro: $0.03 for the first megapixel
        Assert.Equal(false, properties["simulated"]);
        Assert.IsType<Flux2Image>(content.RawRepresentation);
    }

    [Fact]
    public async Task TheFlux3Options_AreReadFromAdditionalProperties_AndReachTheProviderInItsShape()
    {
        await using var sim = await SimulatedFal.StartAsync();
        IImageGenerator generator = sim.Services.GetRequiredService<IImageGenerator>();

        ImageGenerationResponse response = await generator.GenerateImagesAsync("a fox <fox> under a tree", new ImageGenerationOptions
        {
            ModelId = Flux2Models.Flux31Image,
            AdditionalProperties = new AdditionalPropertiesDictionary
            {
                ["resolution"] = "2k",
                ["mode"] = "fast",
                ["layout"] = System.Text.Json.JsonDocument.Parse("""[{"label":"fox","box":[0.1,0.4,0.5,0.9],"description":"a red fox"}]""").RootElement,
            },
        });

        Assert.Single(response.Contents);
        var submit = Assert.Single(sim.Server.Requests.Under("/fal-queue/"), r => r.Method == "POST");
        Assert.Equal("/fal-queue/fal-ai/flux-3.1-image", submit.Path);
        using var body = System.Text.Json.JsonDocument.Parse(submit.Body);
        Assert.Equal("2k", body.RootElement.GetProperty("resolution").GetString());
        Assert.Equal("fast", body.RootElement.GetProperty("mode").GetString());
        Assert.Equal("[0.4,0.1,0.9,0.5]", body.RootElement.GetProperty("bounding_boxes")[0].GetProperty("bbox").GetRawText());
    }

    [Fact]
    public void ALayoutOfTheWrongShape_IsAnInvalidArgumentNamingTheSetting()
    {
        var options = new ImageGenerationOptions { AdditionalProperties = new AdditionalPropertiesDictionary { ["layout"] = 42 } };

        var error = Assert.Throws<Flux2Exception>(() => Flux2ImageGenerator.ToFlux2Request(new ImageGenerationRequest("p"), options));

        Assert.Equal("layout", error.Parameter);
        Assert.StartsWith("setting 'layout' is of type Int32; allowed: a list of layout boxes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToFlux2Request_MapsOptionsAndPassesUnknownExtrasThrough()
    {
        var options = new ImageGenerationOptions
        {
            Count = 3,
            ImageSize = new System.Drawing.Size(640, 480),
            MediaType = "image/webp",
            ModelId = "flux-2-klein-4b",
            AdditionalProperties = new AdditionalPropertiesDictionary
            {
                ["seed"] = 7L,
                ["guidance_scale"] = 3.5,
                ["safety_tolerance"] = "4",
                ["provider"] = "bfl",
                ["acceleration"] = "high",
            },
        };

        Flux2ImageRequest request = Flux2ImageGenerator.ToFlux2Request(new ImageGenerationRequest("p"), options);

        Assert.Equal(3, request.NumImages);
        Assert.Equal("640x480", request.Size);
        Assert.Equal("webp", request.OutputFormat);
        Assert.Equal("flux-2-klein-4b", request.Model);
        Assert.Equal(7, request.Seed);
        Assert.Equal(3.5, request.GuidanceScale);
        Assert.Equal(4, request.SafetyTolerance);
        Assert.Equal("bfl", request.Provider);
        Assert.Equal("high", Assert.Single(request.AdditionalProperties!).Value);
    }
}
