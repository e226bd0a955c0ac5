using Flux2.Client;

namespace Flux2.Agents.Tests;

public sealed class Flux2ImageToolsTests : IDisposable
{
    private readonly ToolHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task GenerateImage_InlineImage_StoresSavesAndDescribesIt()
    {
        var output = await _harness.Tools.GenerateImageAsync(new Flux2GenerateImageInput { Prompt = "a fox", Seed = 42 });

        var image = Assert.Single(output.Images);
        Assert.NotNull(image.Id);
        Assert.Equal("flux2://images/" + image.Id, image.Uri);
        Assert.True(File.Exists(image.Path));
        Assert.StartsWith(_harness.OutputDirectory, image.Path);
        Assert.EndsWith(".png", image.Path);
        Assert.Equal((64, 48), (image.Width, image.Height));
        Assert.Equal("image/png", image.ContentType);
        Assert.Equal(new FileInfo(image.Path!).Length, image.Bytes);
        var stored = await _harness.Tools.Store.GetAsync(image.Uri!);
        Assert.NotNull(stored);
        Assert.Equal(File.ReadAllBytes(image.Path!), stored.Data.ToArray());
        Assert.Equal(42, output.Seed);
        Assert.Equal("fal", output.Provider);
        Assert.Equal(0.03m, output.Cost.EstimatedUsd);
        Assert.Equal(5, output.Timings.QueueMs);
        Assert.Contains(output.Warnings, w => w.Contains("guidance_scale", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GenerateImage_WithSaveImagesOff_KeepsTheImageButWritesNoFile()
    {
        using var harness = new ToolHarness(new Dictionary<string, string?> { ["Flux2:Tools:SaveImages"] = "false" });

        var output = await harness.Tools.GenerateImageAsync(new Flux2GenerateImageInput { Prompt = "a fox", NumImages = 2 });

        Assert.Equal(2, output.Images.Count);
        Assert.All(output.Images, i => Assert.Null(i.Path));
        foreach (var image in output.Images)
        {
            Assert.NotNull(await harness.Tools.Store.GetAsync(image.Id!));
        }

        Assert.Empty(Directory.GetFiles(harness.OutputDirectory));
    }

    [Fact]
    public async Task GenerateImage_PassesTheArgumentsToTheCaller_WhosePlannerNormalizesThem()
    {
        await _harness.Tools.GenerateImageAsync(new Flux2GenerateImageInput
        {
            Prompt = "  a fox  ",
            Model = "FLUX-2-Flex",
            Size = "Landscape_16_9",
            NumImages = 3,
            GuidanceScale = 4.5,
            NumInferenceSteps = 28,
            OutputFormat = "JPG",
            SafetyTolerance = 5,
            Provider = "Replicate",
        });

        var request = Assert.Single(_harness.Client.Requests);
        Assert.Equal("a fox", request.Prompt);
        Assert.Equal("FLUX-2-Flex", request.Model);
        Assert.Equal(Flux2Models.Flex, Flux2RequestPlanner.Validate(request, Flux2Models.Pro));
        Assert.Equal("Landscape_16_9", request.Size);
        Assert.Equal(3, request.NumImages);
        Assert.Equal(4.5, request.GuidanceScale);
        Assert.Equal(28, request.Steps);
        Assert.Equal("JPG", request.OutputFormat);
        Assert.Equal(Flux2OutputFormats.Jpeg, Flux2RequestPlanner.NormalizeFormat(request.OutputFormat!));
        Assert.Equal(5, request.SafetyTolerance);
        Assert.Equal("Replicate", request.Provider);
    }

    [Theory]
    [InlineData("prompt", "prompt is empty")]
    [InlineData("model", "flux-2-pro, flux-2-max")]
    [InlineData("size", "square_hd")]
    [InlineData("num_images", "1 to 4")]
    [InlineData("output_format", "png, jpeg, webp")]
    [InlineData("safety_tolerance", "0 (strictest) to 6")]
    [InlineData("guidance_scale", "0 to 20")]
    [InlineData("num_inference_steps", "1 to 50")]
    public async Task GenerateImage_InvalidArgument_NamesTheParameterAndAllowedValuesAndSendsNothing(string parameter, string allowed)
    {
        var input = new Flux2GenerateImageInput { Prompt = "ok" };
        switch (parameter)
        {
            case "prompt": input.Prompt = "  "; break;
            case "model": input.Model = "flux-1-dev"; break;
            case "size": input.Size = "big"; break;
            case "num_images": input.NumImages = 5; break;
            case "output_format": input.OutputFormat = "bmp"; break;
            case "safety_tolerance": input.SafetyTolerance = -1; break;
            case "guidance_scale": input.GuidanceScale = double.NaN; break;
            case "num_inference_steps": input.NumInferenceSteps = 0; break;
        }

        var error = await Assert.ThrowsAsync<Flux2Exception>(() => _harness.Tools.GenerateImageAsync(input));

        Assert.Equal(Flux2ErrorKind.InvalidArgument, error.Kind);
        Assert.Equal(parameter, error.Parameter);
        Assert.Contains(allowed, error.Message);
        Assert.Empty(_harness.Client.Requests);
    }

    [Fact]
    public async Task GenerateImage_ReferenceByIdOrUri_SendsTheStoredBytesAsDataUri()
    {
        var first = await _harness.Tools.GenerateImageAsync(new Flux2GenerateImageInput { Prompt = "a chair" });
        string id = first.Images[0].Id!;

        await _harness.Tools.GenerateImageAsync(new Flux2GenerateImageInput { Prompt = "paint image 1 blue", ReferenceImages = [id, "flux2://images/" + id] });

        var references = _harness.Client.Requests[1].ReferenceImages;
        Assert.Equal(2, references.Count);
        string expected = "data:image/png;base64," + Convert.ToBase64String(File.ReadAllBytes(first.Images[0].Path!));
        Assert.All(references, r => Assert.Equal(expected, r));
    }

    [Fact]
    public async Task GenerateImage_HttpReference_IsPassedThrough()
    {
        await _harness.Tools.GenerateImageAsync(new Flux2GenerateImageInput { Prompt = "x", ReferenceImages = ["https://example.com/a.png"] });

        Assert.Equal(["https://example.com/a.png"], _harness.Client.Requests[0].ReferenceImages);
    }

    [Fact]
    public async Task GenerateImage_LocalReferenceInsideOutputDirectory_IsReadAsDataUri()
    {
        byte[] png = TestImages.Noise(16, 16);
        await File.WriteAllBytesAsync(Path.Combine(_harness.OutputDirectory, "ref.png"), png);

        await _harness.Tools.GenerateImageAsync(new Flux2GenerateImageInput { Prompt = "x", ReferenceImages = ["ref.png"] });

        Assert.Equal("data:image/png;base64," + Convert.ToBase64String(png), _harness.Client.Requests[0].ReferenceImages[0]);
    }

    [Fact]
    public async Task GenerateImage_LocalReferenceInConfiguredRoot_IsAllowed()
    {
        string root = Path.Combine(_harness.Root, "refs");
        Directory.CreateDirectory(root);
        await File.WriteAllBytesAsync(Path.Combine(root, "r.jpg"), TestImages.Noise(16, 16, SkiaSharp.SKEncodedImageFormat.Jpeg));
        using var harness = new ToolHarness(new Dictionary<string, string?> { ["Flux2:Tools:AllowedRoots:0"] = root });

        await harness.Tools.GenerateImageAsync(new Flux2GenerateImageInput { Prompt = "x", ReferenceImages = [Path.Combine(root, "r.jpg")] });

        Assert.StartsWith("data:image/jpeg;base64,", harness.Client.Requests[0].ReferenceImages[0]);
    }

    [Theory]
    [InlineData("../outside.png", Flux2ErrorKind.DownloadRefused)]
    [InlineData("/etc/hostname", Flux2ErrorKind.DownloadRefused)]
    [InlineData("missing.png", Flux2ErrorKind.InvalidArgument)]
    [InlineData("ftp://example.com/a.png", Flux2ErrorKind.InvalidArgument)]
    [InlineData("flux2://images/0123456789abcdef", Flux2ErrorKind.InvalidArgument)]
    public async Task GenerateImage_BadReference_IsRefusedBeforeAnyCall(string reference, Flux2ErrorKind kind)
    {
        var error = await Assert.ThrowsAsync<Flux2Exception>(() =>
            _harness.Tools.GenerateImageAsync(new Flux2GenerateImageInput { Prompt = "x", ReferenceImages = [reference] }));

        Assert.Equal(kind, error.Kind);
        Assert.Equal("reference_images", error.Parameter);
        Assert.Empty(_harness.Client.Requests);
    }

    [Fact]
    public async Task GenerateImage_LocalReferenceThatIsALinkOutOfTheAllowedFolders_IsRefusedAndNothingIsSent()
    {
        // Issue 17, item 6: a link inside the output folder must not let the tool read (and send) an image from anywhere.
        string outside = Path.Combine(_harness.Root, "elsewhere");
        Directory.CreateDirectory(outside);
        await File.WriteAllBytesAsync(Path.Combine(outside, "private.png"), TestImages.Noise(16, 16));
        File.CreateSymbolicLink(Path.Combine(_harness.OutputDirectory, "innocent.png"), Path.Combine(outside, "private.png"));
        Directory.CreateSymbolicLink(Path.Combine(_harness.OutputDirectory, "album"), outside);

        foreach (string reference in new[] { "innocent.png", "album/private.png", Path.Combine(_harness.OutputDirectory, "innocent.png") })
        {
            var error = await Assert.ThrowsAsync<Flux2Exception>(() =>
                _harness.Tools.GenerateImageAsync(new Flux2GenerateImageInput { Prompt = "x", ReferenceImages = [reference] }));

            Assert.Equal(Flux2ErrorKind.DownloadRefused, error.Kind);
            Assert.Equal("reference_images", error.Parameter);
            Assert.Contains("symbolic link", error.Message, StringComparison.Ordinal);
        }

        Assert.Empty(_harness.Client.Requests);
    }

    [Fact]
    public async Task GenerateImage_LocalReferenceThatIsALinkToAFileInside_IsRead()
    {
        byte[] png = TestImages.Noise(16, 16);
        Directory.CreateDirectory(Path.Combine(_harness.OutputDirectory, "sub"));
        await File.WriteAllBytesAsync(Path.Combine(_harness.OutputDirectory, "sub", "real.png"), png);
        File.CreateSymbolicLink(Path.Combine(_harness.OutputDirectory, "alias.png"), Path.Combine(_harness.OutputDirectory, "sub", "real.png"));

        await _harness.Tools.GenerateImageAsync(new Flux2GenerateImageInput { Prompt = "x", ReferenceImages = ["alias.png"] });

        Assert.Equal("data:image/png;base64," + Convert.ToBase64String(png), _harness.Client.Requests[0].ReferenceImages[0]);
    }

    [Fact]
    public async Task GenerateImage_LocalReferenceThatIsNotAnImage_IsRefused()
    {
        await File.WriteAllTextAsync(Path.Combine(_harness.OutputDirectory, "notes.png"), "not an image");

        var error = await Assert.ThrowsAsync<Flux2Exception>(() =>
            _harness.Tools.GenerateImageAsync(new Flux2GenerateImageInput { Prompt = "x", ReferenceImages = ["notes.png"] }));

        Assert.Contains("not a PNG, JPEG or WebP", error.Message);
    }

    [Fact]
    public async Task DownloadImage_StoredId_SavesIntoTheOutputDirectory()
    {
        var generated = await _harness.Tools.GenerateImageAsync(new Flux2GenerateImageInput { Prompt = "x" });

        var saved = await _harness.Tools.DownloadImageAsync(new Flux2DownloadImageInput { Url = generated.Images[0].Uri!, Path = "copies/one.png" });

        Assert.Equal(Path.Combine(_harness.OutputDirectory, "copies", "one.png"), saved.Path);
        Assert.Equal("image/png", saved.ContentType);
        Assert.Equal((64, 48), (saved.Width, saved.Height));
        Assert.Equal(generated.Images[0].Uri, saved.Source);
        Assert.Equal(64, saved.Sha256.Length);
    }

    [Theory]
    [InlineData("", Flux2ErrorKind.InvalidArgument)]
    [InlineData("file:///etc/passwd", Flux2ErrorKind.DownloadRefused)]
    [InlineData("javascript:alert(1)", Flux2ErrorKind.DownloadRefused)]
    [InlineData("flux2://images/ffffffffffffffff", Flux2ErrorKind.InvalidArgument)]
    [InlineData("relative/path.png", Flux2ErrorKind.InvalidArgument)]
    public async Task DownloadImage_BadUrl_IsRefused(string url, Flux2ErrorKind kind)
    {
        var error = await Assert.ThrowsAsync<Flux2Exception>(() => _harness.Tools.DownloadImageAsync(new Flux2DownloadImageInput { Url = url }));

        Assert.Equal(kind, error.Kind);
        Assert.Equal("url", error.Parameter);
    }

    [Fact]
    public async Task CreatePreview_OfStoredImage_IsAJpegWithinTheBudget()
    {
        var generated = await _harness.Tools.GenerateImageAsync(new Flux2GenerateImageInput { Prompt = "x" });

        var preview = await _harness.Tools.CreatePreviewAsync(generated.Images[0].Id!);

        Assert.NotNull(preview);
        Assert.Equal([0xFF, 0xD8, 0xFF], preview.Data[..3].ToArray());
        Assert.Equal((64, 48), (preview.Width, preview.Height));
    }

    [Fact]
    public async Task CreatePreview_WhenPreviewsAreOff_ReturnsNull()
    {
        using var harness = new ToolHarness(new Dictionary<string, string?> { ["Flux2:Tools:Previews"] = "false" });
        var generated = await harness.Tools.GenerateImageAsync(new Flux2GenerateImageInput { Prompt = "x" });

        Assert.Null(await harness.Tools.CreatePreviewAsync(generated.Images[0].Id!));
    }

    [Fact]
    public void GetModelsJson_ListsTheCapabilityRowsInSnakeCase()
    {
        string json = _harness.Tools.GetModelsJson();

        Assert.Contains("\"provider_model_id\":\"fal-ai/flux-2-pro\"", json);
    }
}
