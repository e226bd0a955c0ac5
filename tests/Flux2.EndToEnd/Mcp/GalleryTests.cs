using System.Text.Json;
using Xunit.Abstractions;

namespace Flux2.EndToEnd;

/// <summary>
/// The MCP Apps gallery in a real browser: gallery/gallery-host.mjs connects the official MCP client to a
/// <c>flux2-mcp --http</c> child process, calls generate_image for real (offline simulator), and shows the result in a host
/// page built on ext-apps' AppBridge, in headless Chromium (Debian's <c>chromium</c>, driven by playwright-core), with the
/// view in a sandboxed iframe. The view's actions reach the server through the host. Also: the committed build of the view
/// is what its source builds to.
/// </summary>
[Collection(EndToEndGroup.Name)]
[Trait("Category", "Slow")]
[Trait("Needs", "node")]
[Trait("Needs", "chromium")]
[Trait("Needs", "process")]
public sealed class GalleryTests(NodeToolsFixture node, McpHttpServerFixture server, ITestOutputHelper output)
    : IClassFixture<McpHttpServerFixture>
{
    private const string Chromium = "/usr/bin/chromium";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(240);

    /// <summary>tests/Flux2.EndToEnd/gallery: the test host (package.json, package-lock.json, gallery-host.mjs, host-page.js).</summary>
    private static string HostDirectory => Path.GetFullPath(Path.Combine(EndToEndPaths.NodeDirectory, "..", "gallery"));

    /// <summary>src/Flux2.Mcp/Apps/gallery: the view's source and build script.</summary>
    private static string SourceDirectory =>
        Path.GetFullPath(Path.Combine(EndToEndPaths.NodeDirectory, "..", "..", "..", "src", "Flux2.Mcp", "Apps", "gallery"));

    /// <summary>Where the screenshots are kept: TestResults/gallery beside the test assembly.</summary>
    private static string ScreenshotDirectory => Path.Combine(AppContext.BaseDirectory, "TestResults", "gallery");

    [Fact]
    public async Task Gallery_RendersARealResultInChromium_AndItsActionsReachTheServer()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: install Debian's chromium (`apt-get install -y chromium`; ./tests/run.sh does).");
        await InstallAsync(HostDirectory);
        string before = string.Join('\n', Directory.EnumerateFiles(server.OutputDirectory));
        var summary = await RunNodeAsync(HostDirectory, "gallery-host.mjs",
            ["--endpoint", server.Server.Endpoint.ToString(), "--chromium", Chromium, "--out", ScreenshotDirectory]);
        string report = summary.ToString();

        // The host found the view through the tool's _meta and read it as an MCP App.
        Assert.Equal("ui://flux2/gallery", ToolResultAssertions.Text(summary, "resourceUri"));
        Assert.True(summary.GetProperty("listed").GetBoolean(), "ui://flux2/gallery is not in resources/list.\n" + report);
        Assert.Equal("text/html;profile=mcp-app", ToolResultAssertions.Text(summary, "mimeType"));

        // Every image of the real result rendered at its full size, read from flux2://images/{id} through the host.
        var generated = summary.GetProperty("generated").GetProperty("images").EnumerateArray().ToList();
        var shown = summary.GetProperty("images").EnumerateArray().ToList();
        Assert.Equal(2, generated.Count);
        Assert.Equal(generated.Count, shown.Count);
        for (int i = 0; i < shown.Count; i++)
        {
            Assert.Equal("resource", ToolResultAssertions.Text(shown[i], "source"));
            Assert.Equal(generated[i].GetProperty("width").GetInt32(), shown[i].GetProperty("naturalWidth").GetInt32());
            Assert.Equal(generated[i].GetProperty("height").GetInt32(), shown[i].GetProperty("naturalHeight").GetInt32());
        }

        // The prompt, size, seed and cost are on screen.
        Assert.Equal("a lighthouse on a cliff at dawn, watercolor", ToolResultAssertions.Text(summary, "prompt"));
        Assert.Contains("seed 7", ToolResultAssertions.Text(summary, "meta"), StringComparison.Ordinal);
        Assert.Contains("$0.", ToolResultAssertions.Text(summary, "meta"), StringComparison.Ordinal);
        Assert.StartsWith("768×512", summary.GetProperty("captions")[0].GetString(), StringComparison.Ordinal);

        // Save reached download_image, and the file it names exists in the server's output folder and was not there before.
        var calls = summary.GetProperty("toolCalls").EnumerateArray().ToList();
        var save = Assert.Single(calls, c => ToolResultAssertions.Text(c, "name") == "download_image");
        Assert.False(save.GetProperty("isError").GetBoolean(), report);
        Assert.Equal(generated[0].GetProperty("uri").GetString(), save.GetProperty("arguments").GetProperty("url").GetString());
        string saved = save.GetProperty("structuredContent").GetProperty("path").GetString()!;
        Assert.True(File.Exists(saved), $"download_image said it saved {saved}, which does not exist.\n" + report);
        Assert.Equal(Path.GetFullPath(server.OutputDirectory), Path.GetDirectoryName(saved));
        Assert.DoesNotContain(saved, before, StringComparison.Ordinal);
        Assert.Equal(generated[0].GetProperty("bytes").GetInt64(), new FileInfo(saved).Length);
        Assert.Contains(saved, ToolResultAssertions.Text(summary, "saveNote"), StringComparison.Ordinal);

        // Variations: the same prompt with a new seed; refine: the image as reference with the new prompt. Both rendered.
        var generations = calls.Where(c => ToolResultAssertions.Text(c, "name") == "generate_image").ToList();
        Assert.Equal(2, generations.Count);
        var variations = generations[0].GetProperty("arguments");
        Assert.Equal("a lighthouse on a cliff at dawn, watercolor", variations.GetProperty("prompt").GetString());
        Assert.NotEqual(7, variations.GetProperty("seed").GetInt64());
        var refine = generations[1].GetProperty("arguments");
        Assert.Equal("the same lighthouse at night, oil painting", refine.GetProperty("prompt").GetString());
        Assert.StartsWith("flux2://images/", refine.GetProperty("reference_images")[0].GetString(), StringComparison.Ordinal);
        Assert.All(generations, g => Assert.False(g.GetProperty("isError").GetBoolean(), report));
        Assert.Equal(3, summary.GetProperty("batches").GetInt32());
        Assert.Equal("the same lighthouse at night, oil painting", ToolResultAssertions.Text(summary, "refinedPrompt"));
        Assert.Equal(2, variations.GetProperty("num_images").GetInt32());
        var final = summary.GetProperty("finalImages").EnumerateArray().ToList();
        Assert.Equal(5, final.Count); // 2 + 2 variations + 1 refined
        Assert.All(final, image => Assert.True(image.GetProperty("naturalWidth").GetInt32() > 0, report));

        // No network beyond the host page, no CSP violation or script error in the view.
        Assert.Empty(summary.GetProperty("external").EnumerateArray());
        Assert.DoesNotContain(summary.GetProperty("console").EnumerateArray(), m => m.GetString()!.StartsWith("error", StringComparison.Ordinal)
            || m.GetString()!.StartsWith("pageerror", StringComparison.Ordinal) || m.GetString()!.Contains("Content Security Policy", StringComparison.Ordinal));

        string screenshot = Path.Combine(ScreenshotDirectory, "gallery.png");
        Assert.True(new FileInfo(screenshot).Length > 10_000, $"no screenshot at {screenshot}");
        output.WriteLine($"screenshots: {ScreenshotDirectory}");
    }

    [Fact]
    public async Task CommittedGalleryHtml_IsWhatItsSourceBuildsTo()
    {
        await InstallAsync(SourceDirectory);
        using var scratch = new TempDirectory("gallery-build");
        string rebuilt = Path.Combine(scratch.Path, "Flux2Gallery.html");

        var run = await ChildProcess.RunAsync(
            node.Start(SourceDirectory, home: null, [Path.Combine(SourceDirectory, "build.mjs"), "--out", rebuilt]), Timeout);

        Assert.True(run.ExitCode == 0 && File.Exists(rebuilt), "The gallery build failed.\n" + run.Describe());
        string committed = Path.Combine(SourceDirectory, "..", "Flux2Gallery.html");
        Assert.True(File.ReadAllText(committed) == File.ReadAllText(rebuilt),
            $"src/Flux2.Mcp/Apps/Flux2Gallery.html is not what src/Flux2.Mcp/Apps/gallery builds to: run `npm ci && node build.mjs` in {SourceDirectory} and commit the result.");
    }

    private async Task InstallAsync(string directory)
    {
        var install = await NodeInstaller.EnsureInstalledAsync(directory, node.Node);
        output.WriteLine(install is null ? $"{directory}: node_modules up to date" : $"{directory}: npm ci took {install.Elapsed.TotalSeconds:0} s");
    }

    private async Task<JsonElement> RunNodeAsync(string directory, string script, IEnumerable<string> arguments)
    {
        var run = await ChildProcess.RunAsync(
            node.Start(directory, Path.Combine(server.Scratch, "home"), [Path.Combine(directory, script), .. arguments]), Timeout);
        output.WriteLine(run.Describe());
        string failure = run.Describe() + "\n--- server log ---\n" + server.Server.Log;
        Assert.False(run.TimedOut, $"{script} timed out.\n" + failure);
        string? line = run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        Assert.True(line is not null, $"{script} printed no summary.\n" + failure);
        using var document = JsonDocument.Parse(line);
        var summary = document.RootElement.Clone();
        Assert.True(run.ExitCode == 0 && summary.GetProperty("ok").GetBoolean(), $"{script} failed.\n" + failure);
        return summary;
    }
}
