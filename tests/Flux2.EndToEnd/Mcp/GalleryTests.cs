using System.Globalization;
using System.Text.Json;
using Xunit.Abstractions;

namespace Flux2.EndToEnd;

/// <summary>
/// The MCP Apps gallery in a real browser: gallery/gallery-host.mjs connects the official MCP client to a
/// <c>flux2-mcp --http</c> child process, calls generate_image for real (offline simulator), and shows the result in a host
/// page built on ext-apps' AppBridge, in headless Chromium (Debian's <c>chromium</c>, driven by playwright-core), with the
/// view in a sandboxed iframe. The view's actions reach the server, and the user's machine, through the host: tool calls,
/// resource reads, ui/download-file, ui/open-link, ui/request-display-mode. Screenshots of each step land in
/// TestResults/gallery beside the test assembly. Also: the committed build of the view is what its source builds to.
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
    private const string Prompt = "a lighthouse on a cliff at dawn, watercolor";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(240);

    /// <summary>tests/Flux2.EndToEnd/gallery: the test host (package.json, package-lock.json, gallery-host.mjs, host-page.js).</summary>
    private static string HostDirectory => Path.GetFullPath(Path.Combine(EndToEndPaths.NodeDirectory, "..", "gallery"));

    /// <summary>src/Flux2.Mcp/Apps/gallery: the view's source and build script.</summary>
    private static string SourceDirectory =>
        Path.GetFullPath(Path.Combine(EndToEndPaths.NodeDirectory, "..", "..", "..", "src", "Flux2.Mcp", "Apps", "gallery"));

    /// <summary>Where the screenshots are kept: TestResults/gallery/{scenario} beside the test assembly.</summary>
    private static string ScreenshotDirectory(string scenario) => Path.Combine(AppContext.BaseDirectory, "TestResults", "gallery", scenario);

    [Fact]
    public async Task Gallery_ShowsARealResult_AndHandsTheImageToTheUserThroughTheHost()
    {
        var before = Directory.EnumerateFiles(server.OutputDirectory).ToHashSet();
        var summary = await RunHostAsync("finished", server.Server);
        string report = summary.ToString();

        // The host found the view through the tool's _meta and read it as an MCP App that asks for clipboard-write.
        Assert.Equal("ui://flux2/gallery", ToolResultAssertions.Text(summary, "resourceUri"));
        Assert.True(summary.GetProperty("listed").GetBoolean(), "ui://flux2/gallery is not in resources/list.\n" + report);
        Assert.Equal("text/html;profile=mcp-app", ToolResultAssertions.Text(summary, "mimeType"));
        Assert.Equal(JsonValueKind.Object, summary.GetProperty("resourceMeta").GetProperty("ui").GetProperty("permissions").GetProperty("clipboardWrite").ValueKind);

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

        // The prompt, size, seed and cost are on screen; two images share the view's width, one takes all of it.
        Assert.Equal(Prompt, ToolResultAssertions.Text(summary, "prompt"));
        Assert.Contains("seed 7", ToolResultAssertions.Text(summary, "meta"), StringComparison.Ordinal);
        Assert.Contains("$0.", ToolResultAssertions.Text(summary, "meta"), StringComparison.Ordinal);
        Assert.StartsWith("768×512", summary.GetProperty("captions")[0].GetString(), StringComparison.Ordinal);
        AssertColumns(summary.GetProperty("layout"), 2);
        AssertColumns(summary.GetProperty("refinedLayout"), 1);

        // Copy: the prompt and the second image's own seed reached the clipboard.
        var clipboard = summary.GetProperty("clipboard");
        Assert.Equal(Prompt, ToolResultAssertions.Text(clipboard, "prompt"));
        Assert.Equal(generated[1].GetProperty("seed").GetInt64().ToString(CultureInfo.InvariantCulture), ToolResultAssertions.Text(clipboard, "seed"));

        // Save, twice: both times the host downloaded the image's own bytes under the server's file name; no error, no
        // download_image call, and no copy in the server's output folder (the server had saved it already).
        string serverFile = generated[0].GetProperty("path").GetString()!;
        var hostLog = summary.GetProperty("hostLog");
        var downloads = hostLog.GetProperty("downloads").EnumerateArray().ToList();
        Assert.Equal(2, downloads.Count);
        Assert.All(downloads, download =>
        {
            Assert.Equal(Path.GetFileName(serverFile), ToolResultAssertions.Text(download, "name"));
            Assert.Equal("image/jpeg", ToolResultAssertions.Text(download, "mimeType"));
            Assert.Equal(File.ReadAllBytes(serverFile), File.ReadAllBytes(download.GetProperty("path").GetString()!));
        });
        Assert.Empty(summary.GetProperty("saveErrors").EnumerateArray());
        var calls = summary.GetProperty("toolCalls").EnumerateArray().ToList();
        Assert.DoesNotContain(calls, c => ToolResultAssertions.Text(c, "name") == "download_image");
        var generatedFiles = generated.Concat(calls.SelectMany(c => c.GetProperty("structuredContent").GetProperty("images").EnumerateArray()))
            .Select(image => image.GetProperty("path").GetString()!);
        Assert.Equal(generatedFiles.Order(), Directory.EnumerateFiles(server.OutputDirectory).Where(f => !before.Contains(f)).Order());

        // Each card keeps its own state: the first says where it is saved, that it was downloaded, and what was made from
        // it; the second only where it is saved.
        var cards = summary.GetProperty("cardLines").EnumerateArray().ToList();
        Assert.Equal($"Saved on the server at {serverFile}", ToolResultAssertions.Text(cards[0], "saved"));
        Assert.Equal($"Downloaded {Path.GetFileName(serverFile)}", ToolResultAssertions.Text(cards[0], "downloaded"));
        Assert.Equal("2 variations added above", ToolResultAssertions.Text(cards[0], "variations"));
        Assert.Equal("Refined image added above", ToolResultAssertions.Text(cards[0], "refined"));
        Assert.Equal(new[] { "saved" }, cards[1].EnumerateObject().Select(p => p.Name));

        // Enlarge: the view asked for fullscreen (the host offers it), showed the full image across the screen, and went
        // back to inline on Close.
        Assert.Equal(new[] { "fullscreen", "inline" }, hostLog.GetProperty("displayModes").EnumerateArray().Select(m => ToolResultAssertions.Text(m, "mode")));
        var lightbox = summary.GetProperty("lightbox");
        Assert.True(lightbox.GetProperty("fullscreen").GetBoolean(), report);
        Assert.Equal(768, lightbox.GetProperty("naturalWidth").GetInt32());
        var iframe = lightbox.GetProperty("iframe");
        Assert.Equal(iframe.GetProperty("pageWidth").GetDouble(), iframe.GetProperty("width").GetDouble());
        Assert.Equal(iframe.GetProperty("pageHeight").GetDouble(), iframe.GetProperty("height").GetDouble());
        Assert.True(lightbox.GetProperty("shownWidth").GetDouble() > 2 * summary.GetProperty("layout").GetProperty("cards")[1].GetDouble() * 0.95, report);

        // Variations: the same prompt with a new seed; refine: the image as reference with the new prompt. Both rendered,
        // and the model was told about the refined image.
        var generations = calls.Where(c => ToolResultAssertions.Text(c, "name") == "generate_image").ToList();
        Assert.Equal(2, generations.Count);
        var variations = generations[0].GetProperty("arguments");
        Assert.Equal(Prompt, variations.GetProperty("prompt").GetString());
        Assert.NotEqual(7, variations.GetProperty("seed").GetInt64());
        Assert.Equal(2, variations.GetProperty("num_images").GetInt32());
        var refine = generations[1].GetProperty("arguments");
        Assert.Equal("the same lighthouse at night, oil painting", refine.GetProperty("prompt").GetString());
        Assert.Equal(generated[0].GetProperty("uri").GetString(), refine.GetProperty("reference_images")[0].GetString());
        Assert.All(generations, g => Assert.False(g.GetProperty("isError").GetBoolean(), report));
        Assert.Equal(3, summary.GetProperty("batches").GetInt32());
        Assert.Equal("the same lighthouse at night, oil painting", ToolResultAssertions.Text(summary, "refinedPrompt"));
        var final = summary.GetProperty("finalImages").EnumerateArray().ToList();
        Assert.Equal(5, final.Count); // 2 + 2 variations + 1 refined
        Assert.All(final, image => Assert.True(image.GetProperty("naturalWidth").GetInt32() > 0, report));
        string refinedUri = generations[1].GetProperty("structuredContent").GetProperty("images")[0].GetProperty("uri").GetString()!;
        Assert.Contains(refinedUri, hostLog.GetProperty("modelContext").GetProperty("content")[0].GetProperty("text").GetString(), StringComparison.Ordinal);

        // A FLUX 3 result: the revised prompt folded away, shown and copied in full; grounding and Content Credentials
        // marked where they apply; and where the host cannot download, Save opens the image's own link.
        Assert.False(summary.GetProperty("revisedOpenAtFirst").GetBoolean());
        string revised = ToolResultAssertions.Text(summary, "revisedText")!;
        Assert.StartsWith(Prompt + ": a white lighthouse", revised, StringComparison.Ordinal);
        Assert.Equal(revised, ToolResultAssertions.Text(clipboard, "revisedPrompt"));
        Assert.Contains("grounded", ToolResultAssertions.Text(summary, "flux3Meta"), StringComparison.Ordinal);
        Assert.Equal(new[] { "Content Credentials", null }, summary.GetProperty("c2paBadges").EnumerateArray().Select(b => b.GetString()));
        var link = Assert.Single(hostLog.GetProperty("links").EnumerateArray());
        Assert.Equal(generated[0].GetProperty("url").GetString(), ToolResultAssertions.Text(link, "url"));
        Assert.Equal(200, link.GetProperty("status").GetInt32());
        Assert.Equal(ToolResultAssertions.Sha256(serverFile), ToolResultAssertions.Text(link, "sha256"));
        Assert.StartsWith("Opened the image in your browser", ToolResultAssertions.Text(summary, "linkLine"), StringComparison.Ordinal);

        AssertCleanRun(summary, "gallery.png", "enlarged.png", "gallery-after-actions.png", "flux3.png");
    }

    [Fact]
    public async Task Gallery_ShowsAJobStillRunning_KeepsFollowingItAfterAReload_AndFillsInItsImages()
    {
        // A server whose calls return the job's handle after half a second, for jobs that take twelve (queued for the
        // first fifth), polled every 250 ms, that keeps no files of its own (so Save has to ask it for one).
        using var root = new TempDirectory("gallery-jobs");
        string outputDirectory = root.Sub("output");
        await using var slow = await McpServerProcess.StartHttpAsync(outputDirectory, root.Sub("home"), new Dictionary<string, string>
        {
            ["Flux2__Mcp__MaxWaitSeconds"] = "0.5",
            ["Flux2__Mcp__TaskPollIntervalMs"] = "250",
            ["Flux2__Simulator__LatencyMs"] = "12000",
            ["Flux2__Tools__SaveImages"] = "false",
        });

        var summary = await RunHostAsync("pending", slow, root.Sub("scratch"));
        string report = summary.ToString();

        // The tool result was the job's handle; the view showed a placeholder per image, across the view's width, with the
        // status the server reported for the job (phase and message), live: queued, then generating, as it polled the handle.
        var pending = summary.GetProperty("pendingResult");
        Assert.Equal("working", ToolResultAssertions.Text(pending, "status"));
        Assert.Equal(2, pending.GetProperty("num_images").GetInt32());
        var reads = summary.GetProperty("jobReads").EnumerateArray().Where(r => ToolResultAssertions.Text(r, "uri") == ToolResultAssertions.Text(pending, "job_uri")).ToList();
        var reported = reads.Where(r => r.GetProperty("progress").ValueKind == JsonValueKind.Object)
            .Select(r => ToolResultAssertions.Text(r.GetProperty("progress"), "message")).Append(ToolResultAssertions.Text(pending.GetProperty("progress"), "message")).ToHashSet();
        var placeholders = summary.GetProperty("placeholders").EnumerateArray().ToList();
        Assert.Equal(2, placeholders.Count);
        Assert.All(placeholders, p =>
        {
            Assert.False(string.IsNullOrEmpty(ToolResultAssertions.Text(p, "phase")), report);
            Assert.Contains(ToolResultAssertions.Text(p, "message"), reported);
        });
        AssertColumns(summary.GetProperty("placeholderLayout"), 2);
        var phases = summary.GetProperty("phasesSeen").EnumerateArray().Select(p => p.GetString()!).ToList();
        Assert.StartsWith("Queued", phases[0], StringComparison.Ordinal);
        Assert.StartsWith("Generating", phases[^1], StringComparison.Ordinal);
        Assert.All(summary.GetProperty("placeholdersLive").EnumerateArray(), p => Assert.Contains(ToolResultAssertions.Text(p, "message"), reported));
        Assert.True(summary.GetProperty("readsBeforeReload").GetInt32() >= 2, report);

        // Reloaded while the job still ran: the new view picked the handle up again and showed the current status.
        Assert.Equal("working", ToolResultAssertions.Text(summary, "statusAtReload"));
        var afterReload = summary.GetProperty("placeholdersAfterReload").EnumerateArray().ToList();
        Assert.Equal(2, afterReload.Count);
        Assert.All(afterReload, p => Assert.Contains(ToolResultAssertions.Text(p, "message"), reported));

        // Then the job completed and the placeholders became its images, at full size, from the job's own resources/read
        // (its document and the two image blobs); the model was told which images are ready.
        var completed = summary.GetProperty("completedRead");
        Assert.Equal(2, completed.GetProperty("blobs").GetInt32());
        var made = completed.GetProperty("result").GetProperty("images").EnumerateArray().ToList();
        var images = summary.GetProperty("images").EnumerateArray().ToList();
        Assert.Equal(2, images.Count);
        for (int i = 0; i < images.Count; i++)
        {
            Assert.Equal("resource", ToolResultAssertions.Text(images[i], "source"));
            Assert.Equal(made[i].GetProperty("width").GetInt32(), images[i].GetProperty("naturalWidth").GetInt32());
            Assert.Equal(made[i].GetProperty("height").GetInt32(), images[i].GetProperty("naturalHeight").GetInt32());
        }

        Assert.Equal(0, summary.GetProperty("placeholdersLeft").GetInt32());
        AssertColumns(summary.GetProperty("layout"), 2);
        string told = summary.GetProperty("modelContext").GetProperty("content")[0].GetProperty("text").GetString()!;
        Assert.All(made, image => Assert.Contains(image.GetProperty("uri").GetString()!, told, StringComparison.Ordinal));

        // Save where the host has neither downloads nor links and the server kept no file: download_image, once; the second
        // Save only says where the file is again, with no error.
        var save = Assert.Single(summary.GetProperty("toolCalls").EnumerateArray(), c => ToolResultAssertions.Text(c, "name") == "download_image");
        Assert.False(save.GetProperty("isError").GetBoolean(), report);
        Assert.Equal(made[0].GetProperty("uri").GetString(), save.GetProperty("arguments").GetProperty("url").GetString());
        string saved = save.GetProperty("structuredContent").GetProperty("path").GetString()!;
        Assert.Equal(Path.GetFullPath(outputDirectory), Path.GetDirectoryName(saved));
        Assert.Equal(made[0].GetProperty("bytes").GetInt64(), new FileInfo(saved).Length);
        Assert.Equal($"Saved on the server at {saved}", ToolResultAssertions.Text(summary, "savedLine"));
        Assert.Equal($"Saved on the server at {saved}", ToolResultAssertions.Text(summary, "savedLineAgain"));
        Assert.Empty(summary.GetProperty("saveErrors").EnumerateArray());

        // Enlarge where the host offers no fullscreen: a lightbox inside the view, wider than the card, and no request.
        var lightbox = summary.GetProperty("lightbox");
        Assert.False(lightbox.GetProperty("fullscreen").GetBoolean());
        Assert.Empty(summary.GetProperty("hostLog").GetProperty("displayModes").EnumerateArray());
        Assert.Equal(made[0].GetProperty("width").GetInt32(), lightbox.GetProperty("naturalWidth").GetInt32());
        Assert.True(lightbox.GetProperty("shownWidth").GetDouble() > 1.9 * summary.GetProperty("layout").GetProperty("cards")[0].GetDouble(), report);

        // Reloaded after the job was done: one read of the handle gave the images at once.
        Assert.Equal(1, summary.GetProperty("readsForSecondReload").GetInt32());
        Assert.All(summary.GetProperty("imagesAfterSecondReload").EnumerateArray(), image =>
            Assert.True(ToolResultAssertions.Text(image, "source") == "resource" && image.GetProperty("naturalWidth").GetInt32() > 0, report));

        // A handle the server does not know: one read, the server's "not found" on screen, no placeholders left waiting.
        var unknownReads = summary.GetProperty("unknownJobReads").EnumerateArray().ToList();
        Assert.Equal(-32002, Assert.Single(unknownReads).GetProperty("error").GetProperty("code").GetInt32());
        string gone = ToolResultAssertions.Text(summary, "unknownJob")!;
        Assert.Contains("The server no longer knows flux2://jobs/0123456789abcdef01234567", gone, StringComparison.Ordinal);
        Assert.Contains("kept 24 h", gone, StringComparison.Ordinal);
        Assert.Equal(0, summary.GetProperty("unknownJobPlaceholders").GetInt32());

        // A job that fails or is cancelled (documents the host answers itself: the offline server cannot be driven there
        // from here): the view says why with the job's message, leaves no placeholder, and stops reading the handle.
        var endings = summary.GetProperty("endings");
        Assert.Equal("Not generated: content_policy: the provider refused the prompt", ToolResultAssertions.Text(endings.GetProperty("failed"), "text"));
        Assert.Equal("The job was cancelled: cancelled through tasks/cancel", ToolResultAssertions.Text(endings.GetProperty("cancelled"), "text"));
        foreach (string ending in new[] { "failed", "cancelled" })
        {
            Assert.Equal(0, endings.GetProperty(ending).GetProperty("placeholders").GetInt32());
            Assert.Equal(new[] { "working", ending }, endings.GetProperty(ending).GetProperty("reads").EnumerateArray().Select(r => r.GetString()));
        }

        AssertCleanRun(summary, "pending.png", "pending-generating.png", "pending-reloaded.png", "pending-completed.png", "lightbox-inline.png", "pending-after-reloads.png");
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

    /// <summary>The cards of a batch split the grid's width evenly in <paramref name="columns"/> columns.</summary>
    private static void AssertColumns(JsonElement layout, int columns)
    {
        double grid = layout.GetProperty("grid").GetDouble();
        Assert.True(grid > 0.9 * layout.GetProperty("view").GetDouble(), $"the grid does not use the view's width: {layout}");
        Assert.All(layout.GetProperty("cards").EnumerateArray(), card =>
            Assert.InRange(card.GetDouble(), (grid / columns) - 16, grid / columns));
    }

    /// <summary>No network beyond the host page, no CSP violation or script error, and every screenshot written.</summary>
    private void AssertCleanRun(JsonElement summary, params string[] screenshots)
    {
        Assert.Empty(summary.GetProperty("external").EnumerateArray());
        Assert.DoesNotContain(summary.GetProperty("console").EnumerateArray(), m => m.GetString()!.StartsWith("error", StringComparison.Ordinal)
            || m.GetString()!.StartsWith("pageerror", StringComparison.Ordinal) || m.GetString()!.Contains("Content Security Policy", StringComparison.Ordinal));
        var written = summary.GetProperty("screenshots").EnumerateArray().Select(s => s.GetString()!).ToList();
        foreach (string name in screenshots)
        {
            string path = Assert.Single(written, w => Path.GetFileName(w) == name);
            Assert.True(new FileInfo(path).Length > 10_000, $"no screenshot at {path}");
        }

        output.WriteLine("screenshots:\n" + string.Join('\n', written));
    }

    private async Task InstallAsync(string directory)
    {
        var install = await NodeInstaller.EnsureInstalledAsync(directory, node.Node);
        output.WriteLine(install is null ? $"{directory}: node_modules up to date" : $"{directory}: npm ci took {install.Elapsed.TotalSeconds:0} s");
    }

    /// <summary>Runs gallery-host.mjs for a scenario against a server and returns its summary, which must say ok.</summary>
    private async Task<JsonElement> RunHostAsync(string scenario, McpServerProcess target, string? home = null)
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: install Debian's chromium (`apt-get install -y chromium`; ./tests/run.sh does).");
        await InstallAsync(HostDirectory);
        string[] arguments =
        [
            Path.Combine(HostDirectory, "gallery-host.mjs"), "--scenario", scenario, "--endpoint", target.Endpoint.ToString(),
            "--chromium", Chromium, "--out", ScreenshotDirectory(scenario),
        ];
        var run = await ChildProcess.RunAsync(node.Start(HostDirectory, home ?? Path.Combine(server.Scratch, "home"), arguments), Timeout);
        output.WriteLine(run.Describe());
        string failure = run.Describe() + "\n--- server log ---\n" + target.Log;
        Assert.False(run.TimedOut, "gallery-host.mjs timed out.\n" + failure);
        string? line = run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        Assert.True(line is not null, "gallery-host.mjs printed no summary.\n" + failure);
        using var document = JsonDocument.Parse(line);
        var summary = document.RootElement.Clone();
        Assert.True(run.ExitCode == 0 && summary.GetProperty("ok").GetBoolean(), "gallery-host.mjs failed.\n" + failure);
        return summary;
    }
}
