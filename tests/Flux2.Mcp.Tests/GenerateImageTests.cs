using System.Text.Json;

namespace Flux2.Mcp.Tests;

public sealed class GenerateImageTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>
{
    [Fact]
    public Task GenerateImage_AgainstSimulator_ReturnsTextPreviewLinkAndStructuredContent_OverHttp() => GenerateImage_AgainstSimulator_ReturnsTextPreviewLinkAndStructuredContentAsync("http");

    [Fact]
    [Trait("Category", "Slow")]
    [Trait("Needs", "process")]
    public Task GenerateImage_AgainstSimulator_ReturnsTextPreviewLinkAndStructuredContent_OverStdio() => GenerateImage_AgainstSimulator_ReturnsTextPreviewLinkAndStructuredContentAsync("stdio");

    private async Task GenerateImage_AgainstSimulator_ReturnsTextPreviewLinkAndStructuredContentAsync(string transport)
    {
        await using var server = await TestServer.StartAsync(transport, simulator.Server);

        var result = await server.Client.CallToolAsync("generate_image", new Dictionary<string, object?>
        {
            ["prompt"] = "a red fox in the snow",
            ["size"] = "landscape_4_3",
            ["seed"] = 42,
            ["output_format"] = "png",
        });

        Assert.NotEqual(true, result.IsError);
        var text = Assert.IsType<TextContentBlock>(result.Content[0]);
        Assert.Contains("flux2://images/", text.Text);
        Assert.Single(result.Content.OfType<ImageContentBlock>());
        var link = Assert.Single(result.Content.OfType<ResourceLinkBlock>());
        Assert.StartsWith("flux2://images/", link.Uri);

        var structured = result.StructuredContent!.Value;
        var image = structured.GetProperty("images")[0];
        Assert.Equal(1152, image.GetProperty("width").GetInt32());
        Assert.Equal(864, image.GetProperty("height").GetInt32());
        Assert.Equal("image/png", image.GetProperty("content_type").GetString());
        string path = image.GetProperty("path").GetString()!;
        Assert.True(File.Exists(path), path);
        Assert.StartsWith(Path.GetFullPath(server.OutputDirectory), path);
        Assert.Equal(42, structured.GetProperty("seed").GetInt64());
        Assert.Equal("fal", structured.GetProperty("provider").GetString());

        var read = await server.Client.ReadResourceAsync(link.Uri);
        var blob = Assert.IsType<BlobResourceContents>(Assert.Single(read.Contents));
        Assert.Equal("image/png", blob.MimeType);
        Assert.Equal(File.ReadAllBytes(path), blob.DecodedData.ToArray());
        _ = JsonSerializer.Serialize(structured);
    }
}
