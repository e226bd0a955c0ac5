using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ModelContextProtocol;

namespace Flux2.Mcp.Tests;

/// <summary>
/// The MCP Apps gallery as an MCP client sees it: the <c>ui://flux2/gallery</c> resource (listed, readable, self-contained
/// under a strict CSP), generate_image's <c>_meta.ui.resourceUri</c>, <c>Flux2:Mcp:Gallery=false</c> removing both, and tool
/// results that do not depend on it. (The view itself runs in a real browser in tests/Flux2.EndToEnd, GalleryTests.)
/// </summary>
public sealed partial class GalleryResourceTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>
{
    private const string GalleryUri = "ui://flux2/gallery";
    private const string AppMimeType = "text/html;profile=mcp-app";

    [Fact]
    public async Task Gallery_IsListedAndGenerateImagePointsToIt()
    {
        await using var server = await TestServer.StartHttpAsync(simulator.Server);

        var resource = Assert.Single(await server.Client.ListResourcesAsync(), r => r.Uri == GalleryUri);
        Assert.Equal(AppMimeType, resource.ProtocolResource.MimeType);

        var tools = await server.Client.ListToolsAsync();
        var generate = Assert.Single(tools, t => t.Name == "generate_image").ProtocolTool;
        Assert.Equal(GalleryUri, generate.Meta?["ui"]?["resourceUri"]?.GetValue<string>());
        Assert.Null(Assert.Single(tools, t => t.Name == "download_image").ProtocolTool.Meta?["ui"]);
    }

    [Fact]
    public async Task Gallery_ReadsAsOneSelfContainedHtmlFileUnderAStrictCsp()
    {
        await using var server = await TestServer.StartHttpAsync(simulator.Server);

        var read = await server.Client.ReadResourceAsync(GalleryUri);

        var contents = Assert.IsType<TextResourceContents>(Assert.Single(read.Contents));
        Assert.Equal(AppMimeType, contents.MimeType);
        var ui = contents.Meta?["ui"];
        Assert.True(ui?["prefersBorder"]?.GetValue<bool>());
        foreach (string list in new[] { "connectDomains", "resourceDomains", "frameDomains", "baseUriDomains" })
        {
            Assert.Empty(Assert.IsType<JsonArray>(ui?["csp"]?[list]));
        }

        string html = contents.Text;
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.DoesNotMatch(ExternalReference(), html);
        string script = Assert.Single(InlineBlock("script").Matches(html)).Groups["body"].Value;
        string style = Assert.Single(InlineBlock("style").Matches(html)).Groups["body"].Value;
        Assert.Contains("ui/initialize", script, StringComparison.Ordinal); // the ext-apps App API is bundled in

        // The page's own policy: nothing but its one inline script and one style sheet (by hash) and data: images.
        string csp = CspMeta().Match(html).Groups["policy"].Value;
        Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
        Assert.Contains($"script-src 'sha256-{Sha256(script)}'", csp, StringComparison.Ordinal);
        Assert.Contains($"style-src 'sha256-{Sha256(style)}'", csp, StringComparison.Ordinal);
        Assert.Contains("img-src data:", csp, StringComparison.Ordinal);
        Assert.Contains("connect-src 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", csp, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GalleryOff_RemovesTheResourceAndTheToolMeta()
    {
        await using var server = await TestServer.StartHttpAsync(simulator.Server, new Dictionary<string, string> { ["Flux2:Mcp:Gallery"] = "false" });

        Assert.DoesNotContain(await server.Client.ListResourcesAsync(), r => r.Uri.StartsWith("ui://", StringComparison.Ordinal));
        var generate = Assert.Single(await server.Client.ListToolsAsync(), t => t.Name == "generate_image").ProtocolTool;
        Assert.Null(generate.Meta?["ui"]);
        await Assert.ThrowsAsync<McpProtocolException>(() => server.Client.ReadResourceAsync(GalleryUri).AsTask());
    }

    [Fact]
    public async Task GenerateImageResult_IsTheSameWithTheGalleryOnOrOff()
    {
        var arguments = new Dictionary<string, object?> { ["prompt"] = "a red fox", ["num_images"] = 2, ["seed"] = 3 };
        await using var on = await TestServer.StartHttpAsync(simulator.Server);
        await using var off = await TestServer.StartHttpAsync(simulator.Server, new Dictionary<string, string> { ["Flux2:Mcp:Gallery"] = "false" });

        var withGallery = await on.Client.CallToolAsync("generate_image", arguments);
        var without = await off.Client.CallToolAsync("generate_image", arguments);

        // Hosts without MCP Apps see today's result: the summary text, a preview and a resource_link per image, structured content.
        Assert.Equal(["text", "image", "image", "resource_link", "resource_link"], withGallery.Content.Select(c => c.Type));
        Assert.Equal(without.Content.Select(c => c.Type), withGallery.Content.Select(c => c.Type));
        Assert.Equal(
            without.StructuredContent!.Value.EnumerateObject().Select(p => p.Name),
            withGallery.StructuredContent!.Value.EnumerateObject().Select(p => p.Name));
        Assert.Equal(without.Meta?.Select(p => p.Key), withGallery.Meta?.Select(p => p.Key));
        Assert.Null(withGallery.Meta?["ui"]);
    }

    private static string Sha256(string text) => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static Regex InlineBlock(string tag) => new($"<{tag}>(?<body>.*?)</{tag}>", RegexOptions.Singleline | RegexOptions.CultureInvariant);

    [GeneratedRegex("""<meta http-equiv="Content-Security-Policy" content="(?<policy>[^"]+)">""", RegexOptions.CultureInvariant)]
    private static partial Regex CspMeta();

    [GeneratedRegex("""<(script|link|img|iframe)[^>]*\s(src|href)=""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ExternalReference();
}
