using SkiaSharp;

namespace Flux2.Mcp.Tests;

public sealed class PreviewAndShapeTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>
{
    [Fact]
    public async Task GenerateImage_2048Square_PreviewFitsTheBudgets()
    {
        await using var server = await TestServer.StartHttpAsync(simulator.Server);

        var result = await server.Client.CallToolAsync("generate_image", new Dictionary<string, object?>
        {
            ["prompt"] = "a detailed city map with many streets",
            ["size"] = "2048x2048",
            ["output_format"] = "png",
        });

        Assert.NotEqual(true, result.IsError);
        var preview = Assert.Single(result.Content.OfType<ImageContentBlock>());
        Assert.Equal("image/jpeg", preview.MimeType);
        Assert.True(preview.Data.Length <= 750_000, $"preview is {preview.Data.Length} bytes of base64");
        using var bitmap = SKBitmap.Decode(preview.DecodedData.ToArray());
        Assert.True(Math.Max(bitmap.Width, bitmap.Height) <= 1568, $"preview is {bitmap.Width}x{bitmap.Height}");
        // The provider caps the area (2048x2048 becomes about 4 MP); the image is still far larger than its preview.
        Assert.True(result.StructuredContent!.Value.GetProperty("images")[0].GetProperty("width").GetInt32() > 1568);
    }

    [Fact]
    public async Task GenerateImage_WithTightConfiguredBudget_PreviewIsSmaller()
    {
        await using var server = await TestServer.StartHttpAsync(simulator.Server, new Dictionary<string, string>
        {
            ["Flux2:Tools:PreviewMaxBase64Bytes"] = "40000",
            ["Flux2:Tools:PreviewMaxLongSide"] = "512",
        });

        var result = await server.Client.CallToolAsync("generate_image", new Dictionary<string, object?>
        {
            ["prompt"] = "two cats",
            ["num_images"] = 2,
            ["size"] = "1024x1024",
        });

        var previews = result.Content.OfType<ImageContentBlock>().ToList();
        Assert.Equal(2, previews.Count);
        Assert.True(previews.Sum(p => p.Data.Length) <= 40_000);
        Assert.All(previews, p =>
        {
            using var bitmap = SKBitmap.Decode(p.DecodedData.ToArray());
            Assert.True(Math.Max(bitmap.Width, bitmap.Height) <= 512);
        });
        Assert.Equal(2, result.Content.OfType<ResourceLinkBlock>().Count());
    }

    [Fact]
    public async Task GenerateImage_PreviewsOff_ReturnsNoImageContent()
    {
        await using var server = await TestServer.StartHttpAsync(simulator.Server, new Dictionary<string, string> { ["Flux2:Mcp:Previews"] = "false" });

        var result = await server.Client.CallToolAsync("generate_image", new Dictionary<string, object?> { ["prompt"] = "a tree" });

        Assert.Empty(result.Content.OfType<ImageContentBlock>());
        Assert.Single(result.Content.OfType<ResourceLinkBlock>());
    }

    [Fact]
    public async Task GenerateImage_ContentShape_OmitsStructuredContent()
    {
        await using var server = await TestServer.StartHttpAsync(simulator.Server, new Dictionary<string, string> { ["Flux2:Mcp:ResultShape"] = "content" });

        var result = await server.Client.CallToolAsync("generate_image", new Dictionary<string, object?> { ["prompt"] = "a boat" });

        Assert.Null(result.StructuredContent);
        Assert.Contains("saved to", Assert.IsType<TextContentBlock>(result.Content[0]).Text);
    }

    [Fact]
    public async Task GenerateImage_StructuredShape_TextIsTheJson()
    {
        await using var server = await TestServer.StartHttpAsync(simulator.Server, new Dictionary<string, string> { ["Flux2:Mcp:ResultShape"] = "structured" });

        var result = await server.Client.CallToolAsync("generate_image", new Dictionary<string, object?> { ["prompt"] = "a kite" });

        var text = Assert.IsType<TextContentBlock>(Assert.Single(result.Content));
        Assert.Equal(result.StructuredContent!.Value.GetRawText(), text.Text);
    }

    [Fact]
    public async Task DownloadImage_ById_SavesTheStoredBytes()
    {
        await using var server = await TestServer.StartHttpAsync(simulator.Server, new Dictionary<string, string> { ["Flux2:Tools:SaveImages"] = "false" });
        var generated = await server.Client.CallToolAsync("generate_image", new Dictionary<string, object?> { ["prompt"] = "a cup", ["output_format"] = "png" });
        var image = generated.StructuredContent!.Value.GetProperty("images")[0];
        Assert.False(image.TryGetProperty("path", out _));
        Assert.Empty(Directory.GetFiles(server.OutputDirectory));

        var result = await server.Client.CallToolAsync("download_image", new Dictionary<string, object?>
        {
            ["url"] = image.GetProperty("uri").GetString(),
            ["path"] = "cups/first.png",
        });

        Assert.NotEqual(true, result.IsError);
        var saved = result.StructuredContent!.Value;
        string path = saved.GetProperty("path").GetString()!;
        Assert.Equal(Path.Combine(Path.GetFullPath(server.OutputDirectory), "cups", "first.png"), path);
        Assert.Equal("image/png", saved.GetProperty("content_type").GetString());
        Assert.Equal(64, saved.GetProperty("sha256").GetString()!.Length);
        Assert.Equal(image.GetProperty("bytes").GetInt64(), new FileInfo(path).Length);
    }

    [Fact]
    public async Task DownloadImage_ProviderUrl_SavesIt()
    {
        await using var server = await TestServer.StartHttpAsync(simulator.Server, new Dictionary<string, string> { ["Flux2:Tools:SaveImages"] = "false" });
        var generated = await server.Client.CallToolAsync("generate_image", new Dictionary<string, object?> { ["prompt"] = "a lamp" });
        string url = generated.StructuredContent!.Value.GetProperty("images")[0].GetProperty("url").GetString()!;

        var result = await server.Client.CallToolAsync("download_image", new Dictionary<string, object?> { ["url"] = url });

        Assert.NotEqual(true, result.IsError);
        Assert.True(File.Exists(result.StructuredContent!.Value.GetProperty("path").GetString()));
    }

    [Fact]
    public async Task GenerateImage_WithStoredReference_SendsItToTheEditModel()
    {
        await using var server = await TestServer.StartHttpAsync(simulator.Server);
        var first = await server.Client.CallToolAsync("generate_image", new Dictionary<string, object?> { ["prompt"] = "a chair", ["output_format"] = "png" });
        var made = first.StructuredContent!.Value.GetProperty("images")[0];
        byte[] chair = await File.ReadAllBytesAsync(made.GetProperty("path").GetString()!);
        simulator.Server.Requests.Clear();

        var edit = await server.Client.CallToolAsync("generate_image", new Dictionary<string, object?>
        {
            ["prompt"] = "make image 1 blue",
            ["reference_images"] = new[] { made.GetProperty("id").GetString() },
        });

        Assert.NotEqual(true, edit.IsError);
        Assert.Single(edit.Content.OfType<ResourceLinkBlock>());
        // The stored image itself reached fal, as the edit app's image_urls, and the job ran on the edit app.
        var submit = Assert.Single(simulator.Server.Requests.All, r => r.Method == "POST" && r.Path.StartsWith("/fal-queue/", StringComparison.Ordinal));
        Assert.Equal("/fal-queue/fal-ai/flux-2-pro/edit", submit.Path);
        using var body = System.Text.Json.JsonDocument.Parse(submit.Body);
        string reference = Assert.Single(body.RootElement.GetProperty("image_urls").EnumerateArray()).GetString()!;
        Assert.Equal("data:image/png;base64," + Convert.ToBase64String(chair), reference);
        Assert.Equal("make image 1 blue", body.RootElement.GetProperty("prompt").GetString());
    }
}
