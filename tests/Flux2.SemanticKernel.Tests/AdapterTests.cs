using System.Drawing;
using Flux2.Client;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.TextToImage;

namespace Flux2.SemanticKernel.Tests;

/// <summary>The ITextToImageService and IImageGenerator faces against the simulator.</summary>
public sealed class AdapterTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>
{
    [Fact]
    public async Task TextToImage_FromTheKernel_ReturnsImagesWithBytesUrlAndMetadata()
    {
        using var kernel = TestKernel.Create(simulator.Server);
        var service = kernel.Kernel.GetRequiredService<ITextToImageService>();
        var settings = new PromptExecutionSettings
        {
            ExtensionData = new Dictionary<string, object> { ["width"] = 384, ["height"] = 256, ["seed"] = 42L, ["num_images"] = 2, ["output_format"] = "png" },
        };

        var images = await service.GetImageContentsAsync(new Microsoft.SemanticKernel.TextContent("a mountain lake"), settings, kernel.Kernel);

        Assert.Equal(2, images.Count);
        foreach (var image in images)
        {
            Assert.Equal("image/png", image.MimeType);
            Assert.Equal(0x89, image.Data!.Value.Span[0]);
            Assert.NotNull(image.Uri);
            Assert.Equal(384, image.Metadata!["width"]);
            Assert.Equal(256, image.Metadata["height"]);
            Assert.Equal("fal", image.Metadata["provider"]);
            Assert.True(File.Exists((string)image.Metadata["path"]!));
        }

        Assert.Equal(42L, images[0].Metadata!["seed"]);
    }

    [Fact]
    public async Task TextToImage_SemanticKernelsOwnExtension_ReturnsAUrl()
    {
        using var kernel = TestKernel.Create(simulator.Server);
        var service = kernel.Kernel.GetRequiredService<ITextToImageService>();

        string url = await service.GenerateImageAsync("a red kite", 128, 128, kernel.Kernel);

        Assert.True(Uri.TryCreate(url, UriKind.Absolute, out var uri));
        Assert.Contains(uri.Scheme, new[] { "http", "https", "file" });
    }

    [Fact]
    public async Task TextToImage_InvalidSetting_ThrowsAnActionableFlux2Exception()
    {
        using var kernel = TestKernel.Create(simulator.Server);
        var service = kernel.Kernel.GetRequiredService<ITextToImageService>();
        var settings = new PromptExecutionSettings { ExtensionData = new Dictionary<string, object> { ["num_images"] = 9 } };

        var error = await Assert.ThrowsAsync<Flux2Exception>(() => service.GetImageContentsAsync(new Microsoft.SemanticKernel.TextContent("x"), settings, kernel.Kernel));

        Assert.Equal(Flux2ErrorKind.InvalidArgument, error.Kind);
        Assert.Equal("num_images", error.Parameter);
    }

    [Fact]
    public async Task ImageGenerator_RegisteredWithAddImageGenerator_IsWrappedByTheMiddlewareAndGenerates()
    {
        using var root = new TempDirectory("sk");
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddFlux2ImageGenerator(TestKernel.Configuration(simulator.Server, root))
            .UseLogging()
            .UseOpenTelemetry();
        await using var provider = services.BuildServiceProvider();
        var generator = provider.GetRequiredService<IImageGenerator>();

        var response = await generator.GenerateImagesAsync("a paper boat", new ImageGenerationOptions { ImageSize = new Size(128, 128), Count = 2 });

        Assert.NotNull(generator.GetService<LoggingImageGenerator>());
        Assert.NotNull(generator.GetService<OpenTelemetryImageGenerator>());
        Assert.NotNull(generator.GetService<Flux2ImageGenerator>());
        Assert.Equal(2, response.Contents.Count);
        var result = Assert.IsType<Flux2ImageResult>(response.RawRepresentation);
        Assert.Equal("fal", result.Provider);
        Assert.All(response.Contents, c => Assert.True(c is DataContent or UriContent));
    }
}
