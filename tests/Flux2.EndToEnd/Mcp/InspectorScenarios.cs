using System.Text.Json;
using Xunit.Abstractions;

namespace Flux2.EndToEnd;

/// <summary>
/// What a user of the official MCP Inspector (CLI mode) sees from flux2-mcp: the two tools, described, and a real
/// generate-then-download round trip on the offline simulator. Run over stdio and over streamable HTTP by the subclasses.
/// </summary>
public abstract class InspectorScenarios(NodeToolsFixture node, ITestOutputHelper output)
{

    /// <summary>Where the server under test saves images.</summary>
    protected abstract string OutputDirectory { get; }

    /// <summary>A scratch folder for the inspector (working directory and HOME).</summary>
    protected abstract string Scratch { get; }

    /// <summary>The inspector arguments that name the server (stdio command or HTTP URL).</summary>
    protected abstract IReadOnlyList<string> Target { get; }

    /// <summary>The server's own log, for failure messages (empty when the inspector prints it).</summary>
    protected virtual string ServerLog => "";

    [Fact]
    public async Task ToolsList_ShowsGenerateAndDownloadWithDescribedParameters()
    {
        // --strict: tool-schema portability problems of error severity fail the run (exit 6).
        var result = (await InspectAsync("--method", "tools/list", "--strict")).SuccessfulResult();

        ToolResultAssertions.AssertDescribedTool(result, "generate_image", ToolResultAssertions.GenerateParameters, required: "prompt");
        ToolResultAssertions.AssertDescribedTool(result, "download_image", ToolResultAssertions.DownloadParameters, required: "url");
    }

    [Fact]
    public async Task Resources_ListTheModelMatrixAndTheImageTemplate()
    {
        var resources = (await InspectAsync("--method", "resources/list")).SuccessfulResult();
        Assert.Contains(resources.GetProperty("resources").EnumerateArray(), r => ToolResultAssertions.Text(r, "uri") == "flux2://models");

        var templates = (await InspectAsync("--method", "resources/templates/list")).SuccessfulResult();
        Assert.Contains(templates.GetProperty("resourceTemplates").EnumerateArray(),
            t => ToolResultAssertions.Text(t, "uriTemplate") == "flux2://images/{id}");

        var models = Assert.Single((await InspectAsync("--method", "resources/read", "--uri", "flux2://models"))
            .SuccessfulResult().GetProperty("contents").EnumerateArray());
        Assert.Equal("application/json", ToolResultAssertions.Text(models, "mimeType"));
        string matrix = ToolResultAssertions.Text(models, "text") ?? "";
        using var parsed = JsonDocument.Parse(matrix);
        foreach (string model in (string[])["flux-2-pro", "flux-2-max", "flux-2-flex", "flux-2-dev", "flux-2-klein-4b", "flux-2-klein-9b", "flux-2-flash"])
        {
            Assert.Contains($"\"{model}\"", matrix, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task GenerateImage_ThenDownloadImageOfItsId_SavesTheSameImageInTheOutputFolder()
    {
        var tools = (await InspectAsync("--method", "tools/list")).SuccessfulResult().GetProperty("tools").EnumerateArray().ToList();
        JsonElement OutputSchema(string tool) => tools.Single(t => t.GetProperty("name").GetString() == tool).GetProperty("outputSchema");

        // Generate.
        var generated = (await InspectAsync(
            "--method", "tools/call", "--tool-name", "generate_image",
            "--tool-args-json", """{"prompt":"a red fox in the snow, end-to-end test","size":"256x256","seed":7,"output_format":"png"}"""))
            .SuccessfulResult();
        var result = ToolResultAssertions.AssertStructuredSuccess(generated, "generate_image");
        ToolResultAssertions.AssertMatchesSchemaNames(result, OutputSchema("generate_image"));

        Assert.True(result.GetProperty("simulated").GetBoolean(), $"no provider key is set, so the result must say simulated: {result}");
        Assert.False(string.IsNullOrWhiteSpace(ToolResultAssertions.Text(result, "note")), "a simulated result explains how to configure a provider");
        Assert.Equal(7, result.GetProperty("seed").GetInt64());
        var image = Assert.Single(result.GetProperty("images").EnumerateArray());
        Assert.Equal(256, image.GetProperty("width").GetInt32());
        Assert.Equal(256, image.GetProperty("height").GetInt32());
        string id = ToolResultAssertions.Text(image, "id") ?? throw new Xunit.Sdk.XunitException($"the image has no id: {image}");
        Assert.Equal($"flux2://images/{id}", ToolResultAssertions.Text(image, "uri"));

        string saved = ToolResultAssertions.Text(image, "path") ?? throw new Xunit.Sdk.XunitException($"the image was not saved: {image}");
        Assert.True(ToolResultAssertions.IsInside(saved, OutputDirectory), $"{saved} is not inside FLUX2_OUTPUT_DIR {OutputDirectory}");
        Assert.True(File.Exists(saved), $"the result names {saved}, which does not exist");
        Assert.Equal("png", TestImages.FormatOf(saved));
        Assert.Equal(new FileInfo(saved).Length, image.GetProperty("bytes").GetInt64());

        var content = generated.GetProperty("content").EnumerateArray().ToList();
        Assert.Contains(content, c => ToolResultAssertions.Text(c, "type") == "text" && !string.IsNullOrWhiteSpace(ToolResultAssertions.Text(c, "text")));
        Assert.Contains(content, c => ToolResultAssertions.Text(c, "type") == "image"
            && ToolResultAssertions.Text(c, "mimeType")?.StartsWith("image/", StringComparison.Ordinal) == true
            && !string.IsNullOrEmpty(ToolResultAssertions.Text(c, "data")));
        Assert.Contains(content, c => ToolResultAssertions.Text(c, "type") == "resource_link" && ToolResultAssertions.Text(c, "uri") == $"flux2://images/{id}");

        // Read it as a resource, as a client following the resource_link does.
        var read = Assert.Single((await InspectAsync("--method", "resources/read", "--uri", $"flux2://images/{id}"))
            .SuccessfulResult().GetProperty("contents").EnumerateArray());
        Assert.Equal("image/png", ToolResultAssertions.Text(read, "mimeType"));
        Assert.Equal(File.ReadAllBytes(saved), Convert.FromBase64String(ToolResultAssertions.Text(read, "blob") ?? ""));

        // Download the image by its id.
        var downloaded = (await InspectAsync(
            "--method", "tools/call", "--tool-name", "download_image",
            "--tool-args-json", $$"""{"url":"flux2://images/{{id}}","path":"fox-copy.png"}"""))
            .SuccessfulResult();
        var copy = ToolResultAssertions.AssertStructuredSuccess(downloaded, "download_image");
        ToolResultAssertions.AssertMatchesSchemaNames(copy, OutputSchema("download_image"));

        string copyPath = ToolResultAssertions.Text(copy, "path") ?? throw new Xunit.Sdk.XunitException($"no path: {copy}");
        Assert.Equal(Path.Combine(OutputDirectory, "fox-copy.png"), Path.GetFullPath(copyPath));
        Assert.True(File.Exists(copyPath), $"download_image reports {copyPath}, which does not exist");
        Assert.Equal(new FileInfo(copyPath).Length, copy.GetProperty("bytes").GetInt64());
        Assert.Equal(256, copy.GetProperty("width").GetInt32());
        Assert.Equal(256, copy.GetProperty("height").GetInt32());
        Assert.Equal(ToolResultAssertions.Sha256(copyPath), ToolResultAssertions.Text(copy, "sha256")?.ToLowerInvariant());
        Assert.Equal(ToolResultAssertions.Sha256(saved), ToolResultAssertions.Sha256(copyPath));
    }

    private async Task<InspectorOutcome> InspectAsync(params string[] method)
    {
        var outcome = await InspectorCli.RunAsync(node, Scratch, method, Target);
        output.WriteLine($"{string.Join(' ', method)}: exit {outcome.Process.ExitCode} in {outcome.Process.Elapsed.TotalSeconds:0.0} s");
        if (outcome.Process.ExitCode != 0 || outcome.Process.TimedOut)
        {
            output.WriteLine(outcome.Process.Describe());
            if (ServerLog.Length > 0)
            {
                output.WriteLine("--- server log ---\n" + ServerLog);
            }
        }

        return outcome;
    }
}
