using System.Text;

namespace Flux2.Mcp.Tests;

public sealed class IconAndCacheHintTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>
{
    [Fact]
    public async Task TheServer_CarriesAnEmbeddedSvgIcon_AndTheToolsSpendNoBytesOnIcons()
    {
        await using var server = await TestServer.StartHttpAsync(simulator.Server);

        var tools = await server.Client.ListToolsAsync();

        var icon = Assert.Single(server.Client.ServerInfo!.Icons!);
        Assert.StartsWith("data:image/svg+xml;base64,", icon.Source, StringComparison.Ordinal);
        string svg = Encoding.UTF8.GetString(Convert.FromBase64String(icon.Source["data:image/svg+xml;base64,".Length..]));
        Assert.StartsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"", svg, StringComparison.Ordinal);
        Assert.EndsWith("</svg>", svg, StringComparison.Ordinal);
        Assert.Equal(2, tools.Count);
        Assert.All(tools, tool => Assert.Null(tool.ProtocolTool.Icons));
    }

    [Fact]
    public async Task ReadingImagesAndModels_CarriesCacheHints()
    {
        await using var server = await TestServer.StartHttpAsync(simulator.Server);
        var generated = await server.Client.CallToolAsync("generate_image", new Dictionary<string, object?> { ["prompt"] = "a fox" });
        string uri = generated.StructuredContent!.Value.GetProperty("images")[0].GetProperty("uri").GetString()!;

        var image = await server.Client.ReadResourceAsync(uri);
        var models = await server.Client.ReadResourceAsync("flux2://models");

        Assert.Equal(TimeSpan.FromHours(24), image.TimeToLive);
        Assert.Equal(CacheScope.Private, image.CacheScope);
        Assert.Equal(TimeSpan.FromHours(1), models.TimeToLive);
        Assert.Equal(CacheScope.Public, models.CacheScope);
    }
}
