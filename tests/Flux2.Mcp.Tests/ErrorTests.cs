using Flux2.Simulator;

namespace Flux2.Mcp.Tests;

public sealed class ErrorTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>
{
    public static TheoryData<SimulatorFaultKind, string> ProviderFaults => new()
    {
        { SimulatorFaultKind.Unauthorized, "authentication" },
        { SimulatorFaultKind.PaymentRequired, "insufficient_credits" },
        { SimulatorFaultKind.Validation, "provider_validation" },
        { SimulatorFaultKind.ContentPolicy, "content_filtered" },
        { SimulatorFaultKind.RateLimited, "rate_limited" },
        { SimulatorFaultKind.ServerError, "provider_unavailable" },
        { SimulatorFaultKind.MalformedJson, "malformed_response" },
    };

    [Theory]
    [MemberData(nameof(ProviderFaults))]
    public async Task GenerateImage_ProviderFault_IsAToolErrorNamingTheKind(SimulatorFaultKind fault, string kind)
    {
        await using var server = await TestServer.StartHttpAsync(simulator.Server);
        simulator.Server.Faults.Clear();
        simulator.Server.Faults.Add("fal-queue", "submit", fault);

        var result = await server.Client.CallToolAsync("generate_image", new Dictionary<string, object?> { ["prompt"] = "anything" });

        simulator.Server.Faults.Clear();
        Assert.True(result.IsError);
        string text = Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;
        Assert.StartsWith(kind + ":", text);
        Assert.DoesNotContain(TestServer.ApiKey, text);
        Assert.Null(result.StructuredContent);
    }

    [Theory]
    [InlineData("model", "flux-3", "flux-2-pro")]
    [InlineData("size", "huge", "landscape_16_9")]
    [InlineData("output_format", "gif", "webp")]
    [InlineData("provider", "midjourney", "replicate")]
    public async Task GenerateImage_BadFixedValue_NamesTheAllowedValues(string parameter, string value, string allowed)
    {
        await using var server = await TestServer.StartHttpAsync(simulator.Server);
        long submits = simulator.Server.Counters.Get("fal-queue", "submit");

        var result = await server.Client.CallToolAsync("generate_image", new Dictionary<string, object?> { ["prompt"] = "x", [parameter] = value });

        Assert.True(result.IsError);
        string text = Assert.IsType<TextContentBlock>(result.Content[0]).Text;
        Assert.StartsWith("invalid_argument:", text);
        Assert.Contains(parameter, text);
        Assert.Contains(allowed, text);
        Assert.Equal(submits, simulator.Server.Counters.Get("fal-queue", "submit"));
    }

    [Theory]
    [InlineData("num_images", 9)]
    [InlineData("safety_tolerance", 7)]
    public async Task GenerateImage_OutOfRange_IsAnArgumentError(string parameter, int value)
    {
        await using var server = await TestServer.StartHttpAsync(simulator.Server);

        var result = await server.Client.CallToolAsync("generate_image", new Dictionary<string, object?> { ["prompt"] = "x", [parameter] = value });

        Assert.True(result.IsError);
        Assert.Contains(parameter, Assert.IsType<TextContentBlock>(result.Content[0]).Text);
    }

    [Theory]
    [InlineData("file:///etc/passwd", null, "download_refused")]
    [InlineData("ftp://example.com/a.png", null, "download_refused")]
    [InlineData("http://10.1.2.3/a.png", null, "download_refused")]
    [InlineData("http://169.254.169.254/latest/meta-data", null, "download_refused")]
    [InlineData("flux2://images/0123456789abcdef", null, "invalid_argument")]
    [InlineData("not a url", null, "invalid_argument")]
    public async Task DownloadImage_UnsafeOrUnknownSource_IsRefused(string url, string? path, string kind)
    {
        await using var server = await TestServer.StartHttpAsync(simulator.Server);

        var result = await server.Client.CallToolAsync("download_image", new Dictionary<string, object?> { ["url"] = url, ["path"] = path });

        Assert.True(result.IsError);
        Assert.StartsWith(kind + ":", Assert.IsType<TextContentBlock>(result.Content[0]).Text);
    }

    [Theory]
    [InlineData("../outside.png")]
    [InlineData("/etc/flux2-test.png")]
    public async Task DownloadImage_PathLeavingTheOutputDirectory_IsRefused(string path)
    {
        await using var server = await TestServer.StartHttpAsync(simulator.Server);
        var generated = await server.Client.CallToolAsync("generate_image", new Dictionary<string, object?> { ["prompt"] = "a key" });
        string uri = generated.StructuredContent!.Value.GetProperty("images")[0].GetProperty("uri").GetString()!;

        var result = await server.Client.CallToolAsync("download_image", new Dictionary<string, object?> { ["url"] = uri, ["path"] = path });

        Assert.True(result.IsError);
        Assert.StartsWith("download_refused:", Assert.IsType<TextContentBlock>(result.Content[0]).Text);
        Assert.False(File.Exists(Path.GetFullPath(Path.Combine(server.OutputDirectory, path))));
    }

    [Fact]
    public async Task DownloadImage_ExistingFile_IsRefusedUnlessOverwrite()
    {
        await using var server = await TestServer.StartHttpAsync(simulator.Server);
        var generated = await server.Client.CallToolAsync("generate_image", new Dictionary<string, object?> { ["prompt"] = "a door" });
        string uri = generated.StructuredContent!.Value.GetProperty("images")[0].GetProperty("uri").GetString()!;
        await server.Client.CallToolAsync("download_image", new Dictionary<string, object?> { ["url"] = uri, ["path"] = "door.png" });

        var again = await server.Client.CallToolAsync("download_image", new Dictionary<string, object?> { ["url"] = uri, ["path"] = "door.png" });
        var overwrite = await server.Client.CallToolAsync("download_image", new Dictionary<string, object?> { ["url"] = uri, ["path"] = "door.png", ["overwrite"] = true });

        Assert.True(again.IsError);
        Assert.Contains("overwrite", Assert.IsType<TextContentBlock>(again.Content[0]).Text, StringComparison.OrdinalIgnoreCase);
        Assert.NotEqual(true, overwrite.IsError);
    }

    [Fact]
    public async Task GenerateImage_LocalReferenceOutsideAllowedRoots_IsRefused()
    {
        await using var server = await TestServer.StartHttpAsync(simulator.Server);
        string outside = Path.Combine(Path.GetTempPath(), $"flux2-outside-{Guid.NewGuid():N}.png");
        await File.WriteAllBytesAsync(outside, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        try
        {
            var result = await server.Client.CallToolAsync("generate_image", new Dictionary<string, object?>
            {
                ["prompt"] = "edit image 1",
                ["reference_images"] = new[] { outside },
            });

            Assert.True(result.IsError);
            string text = Assert.IsType<TextContentBlock>(result.Content[0]).Text;
            Assert.StartsWith("download_refused:", text);
            Assert.Contains("AllowedRoots", text);
        }
        finally
        {
            File.Delete(outside);
        }
    }
}
