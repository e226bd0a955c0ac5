using ModelContextProtocol;

namespace Flux2.Mcp.Tests;

/// <summary>
/// A server whose users are on other machines (Flux2:Mcp:RemoteClients, true by default for --http on a non-loopback address): it
/// writes no files for them, download_image hands the image back (embedded and linked) instead of naming a server path, a file
/// saved anyway is said to be on the server and kept within a retention; stdio and loopback HTTP keep saving as before. Through
/// the C# SDK client over HTTP.
/// </summary>
public sealed class RemoteClientTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>
{
    private static readonly Dictionary<string, string> Remote = new() { ["Flux2:Mcp:RemoteClients"] = "true" };

    [Fact]
    public async Task Remote_GenerateImage_WritesNoFile_AndTheImageIsReadAsItsResource()
    {
        await using var server = await TestServer.StartHttpAsync(simulator.Server, Remote);

        var result = await server.Client.CallToolAsync("generate_image", Prompt("a harbour at night"));

        Assert.NotEqual(true, result.IsError);
        var image = result.StructuredContent!.Value.GetProperty("images")[0];
        Assert.False(image.TryGetProperty("path", out _), "no server path in the result");
        Assert.DoesNotContain("saved", Text(result), StringComparison.OrdinalIgnoreCase);
        Assert.Empty(Files(server.OutputDirectory));
        var read = await server.Client.ReadResourceAsync(image.GetProperty("uri").GetString()!);
        Assert.Equal(image.GetProperty("bytes").GetInt64(), Assert.IsType<BlobResourceContents>(Assert.Single(read.Contents)).DecodedData.Length);
    }

    [Fact]
    public async Task Remote_DownloadImage_HandsTheImageBack_EmbeddedAndLinked_NeverAServerPath()
    {
        await using var server = await TestServer.StartHttpAsync(simulator.Server, Remote);
        var generated = await server.Client.CallToolAsync("generate_image", Prompt("a red kite"));
        string uri = generated.StructuredContent!.Value.GetProperty("images")[0].GetProperty("uri").GetString()!;
        byte[] stored = Assert.IsType<BlobResourceContents>(Assert.Single((await server.Client.ReadResourceAsync(uri)).Contents)).DecodedData.ToArray();

        var result = await server.Client.CallToolAsync("download_image", new Dictionary<string, object?> { ["url"] = uri, ["path"] = "kite.jpg" });

        Assert.NotEqual(true, result.IsError);
        string text = Text(result);
        Assert.Contains("Not saved as a file: this server keeps no files for you", text, StringComparison.Ordinal);
        Assert.Contains("attached to this result", text, StringComparison.Ordinal);
        Assert.DoesNotContain(server.OutputDirectory, text, StringComparison.Ordinal);
        var embedded = Assert.IsType<BlobResourceContents>(Assert.Single(result.Content.OfType<EmbeddedResourceBlock>()).Resource);
        Assert.Equal(uri, embedded.Uri);
        Assert.Equal(stored, embedded.DecodedData.ToArray());
        Assert.Equal(uri, Assert.Single(result.Content.OfType<ResourceLinkBlock>()).Uri);
        var structured = result.StructuredContent!.Value;
        Assert.False(structured.TryGetProperty("path", out _));
        Assert.Equal(uri, structured.GetProperty("uri").GetString());
        Assert.Contains("'kite.jpg' is not used here", structured.GetProperty("note").GetString(), StringComparison.Ordinal);
        Assert.Empty(Files(server.OutputDirectory));

        var tool = (await server.Client.ListToolsAsync()).Single(t => t.Name == "download_image");
        Assert.Equal(Flux2McpTools.HandBackDescription, tool.Description);
        var listed = await server.Client.SendRequestAsync(new JsonRpcRequest { Method = RequestMethods.ToolsList, Params = new System.Text.Json.Nodes.JsonObject() });
        int bytes = System.Text.Encoding.UTF8.GetByteCount(listed.Result!.ToJsonString());
        Assert.True(bytes <= 4_500, $"tools/list of a remote replica is {bytes} bytes; at most 4,500");
    }

    [Fact]
    public async Task Remote_DownloadImage_OfAUrl_KeepsItUnderANewId_ThatOnlyItsCallerCanRead()
    {
        string output = TestServer.NewOutputDirectory();
        await using var app = TestServer.BuildHttp(TestServer.Settings(simulator.Server, output, Remote));
        await app.StartAsync();
        var endpoint = new Uri(TestServer.Address(app), Flux2McpHost.HttpPath);
        await using var alice = await ClientAsync(endpoint, "alice-token-0123456789");
        await using var bob = await ClientAsync(endpoint, "bob-token-9876543210");
        var generated = await alice.CallToolAsync("generate_image", Prompt("a lamp"));
        string url = generated.StructuredContent!.Value.GetProperty("images")[0].GetProperty("url").GetString()!;

        var result = await alice.CallToolAsync("download_image", new Dictionary<string, object?> { ["url"] = url });

        Assert.NotEqual(true, result.IsError);
        string uri = result.StructuredContent!.Value.GetProperty("uri").GetString()!;
        Assert.Equal(url, result.StructuredContent.Value.GetProperty("source").GetString());
        Assert.Single(result.Content.OfType<EmbeddedResourceBlock>());
        Assert.NotEmpty((await alice.ReadResourceAsync(uri)).Contents);
        await Assert.ThrowsAsync<McpProtocolException>(() => bob.ReadResourceAsync(uri).AsTask());
        Assert.True((await bob.CallToolAsync("download_image", new Dictionary<string, object?> { ["url"] = uri })).IsError);
        Assert.Empty(Files(output));
    }

    [Fact]
    public async Task Remote_AnImageTooLargeToAttach_IsLinkedOnly_AndTheTextSaysHowToReadIt()
    {
        await using var server = await TestServer.StartHttpAsync(simulator.Server, new Dictionary<string, string>(Remote)
        {
            ["Flux2:Tools:PreviewMaxBase64Bytes"] = "2000",
        });
        var generated = await server.Client.CallToolAsync("generate_image", Prompt("a crowded market"));
        string uri = generated.StructuredContent!.Value.GetProperty("images")[0].GetProperty("uri").GetString()!;

        var result = await server.Client.CallToolAsync("download_image", new Dictionary<string, object?> { ["url"] = uri });

        Assert.Empty(result.Content.OfType<EmbeddedResourceBlock>());
        Assert.Equal(uri, Assert.Single(result.Content.OfType<ResourceLinkBlock>()).Uri);
        Assert.Contains($"too large to attach", Text(result), StringComparison.Ordinal);
        Assert.Contains($"read {uri} (resources/read)", Text(result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Remote_WithSavingTurnedOn_SaysTheFilesAreOnTheServer_KeptWithinTheDefaultRetention()
    {
        await using var server = await TestServer.StartHttpAsync(simulator.Server, new Dictionary<string, string>(Remote)
        {
            ["Flux2:Tools:SaveImages"] = "true",
            ["Flux2:Tools:SaveDownloads"] = "true",
        });

        var generated = await server.Client.CallToolAsync("generate_image", Prompt("a windmill"));
        var image = generated.StructuredContent!.Value.GetProperty("images")[0];
        var download = await server.Client.CallToolAsync("download_image", new Dictionary<string, object?> { ["url"] = image.GetProperty("uri").GetString(), ["path"] = "mill.jpg" });

        string path = image.GetProperty("path").GetString()!;
        Assert.True(File.Exists(path));
        Assert.Contains($"saved on the server (not your machine) at {path}", Text(generated), StringComparison.Ordinal);
        string saved = Path.Combine(Path.GetFullPath(server.OutputDirectory), "mill.jpg");
        Assert.True(File.Exists(saved));
        Assert.Contains($"Saved on the server at {saved}", Text(download), StringComparison.Ordinal);
        Assert.Contains("not yours; files there are kept up to 24 h, while the folder holds under 1024 MB", Text(download), StringComparison.Ordinal);
        Assert.Contains("not on the user's machine", download.StructuredContent!.Value.GetProperty("note").GetString(), StringComparison.Ordinal);
        Assert.Single(download.Content.OfType<EmbeddedResourceBlock>()); // and handed back all the same
    }

    [Fact]
    public async Task NonLoopbackHttp_IsRemoteByDefault()
    {
        string output = TestServer.NewOutputDirectory();
        var settings = TestServer.Settings(simulator.Server, output, new Dictionary<string, string> { ["FLUX2_MCP_TOKEN"] = "s3cret-token-for-remote" });
        await using var app = TestServer.BuildHttp(settings, "http://0.0.0.0:0");
        await app.StartAsync();
        await using var client = await ClientAsync(new Uri($"http://127.0.0.1:{TestServer.Address(app).Port}/mcp"), "s3cret-token-for-remote");

        var generated = await client.CallToolAsync("generate_image", Prompt("a lighthouse"));
        var download = await client.CallToolAsync("download_image",
            new Dictionary<string, object?> { ["url"] = generated.StructuredContent!.Value.GetProperty("images")[0].GetProperty("uri").GetString() });

        Assert.NotEqual(true, generated.IsError);
        Assert.Single(download.Content.OfType<EmbeddedResourceBlock>());
        Assert.Empty(Files(output));
    }

    [Fact]
    public async Task LoopbackHttp_KeepsSavingAsBefore_AndDownloadNamesTheFile()
    {
        await using var server = await TestServer.StartHttpAsync(simulator.Server);

        var generated = await server.Client.CallToolAsync("generate_image", Prompt("a teapot"));
        var image = generated.StructuredContent!.Value.GetProperty("images")[0];
        var download = await server.Client.CallToolAsync("download_image", new Dictionary<string, object?> { ["url"] = image.GetProperty("uri").GetString(), ["path"] = "teapot.jpg" });

        Assert.True(File.Exists(image.GetProperty("path").GetString()));
        Assert.Contains(" saved to ", Text(generated), StringComparison.Ordinal);
        string saved = Path.Combine(Path.GetFullPath(server.OutputDirectory), "teapot.jpg");
        Assert.True(File.Exists(saved));
        Assert.StartsWith($"Saved {saved} (", Assert.IsType<TextContentBlock>(Assert.Single(download.Content)).Text, StringComparison.Ordinal);
        Assert.NotEqual(Flux2McpTools.HandBackDescription, (await server.Client.ListToolsAsync()).Single(t => t.Name == "download_image").Description);
    }

    [Fact]
    public void RemoteClients_NotABoolean_IsRefusedAtStart_NamingWhatIsAllowed()
    {
        var settings = TestServer.Settings(simulator.Server, TestServer.NewOutputDirectory(), new Dictionary<string, string> { ["Flux2:Mcp:RemoteClients"] = "sometimes" });

        var error = Assert.Throws<Flux2McpStartupException>(() => TestServer.BuildHttp(settings));

        Assert.Contains("Flux2:Mcp:RemoteClients is 'sometimes'; allowed: true, false", error.Message, StringComparison.Ordinal);
    }

    private static Dictionary<string, object?> Prompt(string prompt) => new() { ["prompt"] = prompt, ["size"] = "512x512" };

    private static string Text(CallToolResult result) => string.Concat(result.Content.OfType<TextContentBlock>().Select(t => t.Text));

    private static string[] Files(string directory) => Directory.Exists(directory) ? Directory.GetFiles(directory, "*", SearchOption.AllDirectories) : [];

    private static Task<McpClient> ClientAsync(Uri endpoint, string token) => McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
    {
        Endpoint = endpoint,
        AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer " + token },
    }));
}
