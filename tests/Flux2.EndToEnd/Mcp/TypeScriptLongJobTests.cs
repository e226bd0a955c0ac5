using System.Text.Json;
using Flux2.Simulator;
using Xunit.Abstractions;

namespace Flux2.EndToEnd;

/// <summary>
/// The official TypeScript MCP SDK as a client without Tasks that gives up on a call after 5 s (node/mcp-long-job.mjs) against
/// flux2-mcp over stdio, with jobs of the simulator that take 8 s: the call returns the job's handle before the client's time-out,
/// the handle then gives the image, and the provider saw one submit in total.
/// </summary>
[Collection(EndToEndGroup.Name)]
[Trait("Category", "Slow")]
[Trait("Needs", "node")]
public sealed class TypeScriptLongJobTests(NodeToolsFixture node, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly TempDirectory _root = new("mcp-long-job");
    private SimulatorServer _simulator = null!;

    public async Task InitializeAsync() => _simulator = await SimulatorServer.StartAsync(new SimulatorOptions { Latency = TimeSpan.FromSeconds(8) });

    [Fact]
    public async Task ClientThatGivesUpAfterFiveSeconds_GetsTheHandleFirst_ThenItsImages_WithOneProviderSubmit()
    {
        string outputDirectory = _root.Sub("output");
        var run = await ChildProcess.RunAsync(
            node.Start(node.Directory, _root.Sub("home"),
                [Path.Combine(node.Directory, "mcp-long-job.mjs"), _simulator.BaseUrl.ToString(), DotnetHost.Path, EndToEndPaths.McpServerAssembly, outputDirectory]),
            TimeSpan.FromSeconds(150));
        output.WriteLine(run.Describe());

        Assert.False(run.TimedOut, "mcp-long-job.mjs timed out.\n" + run.Describe());
        string? line = run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        Assert.True(line is not null, "mcp-long-job.mjs printed no summary.\n" + run.Describe());
        using var document = JsonDocument.Parse(line!);
        var summary = document.RootElement;
        Assert.True(run.ExitCode == 0 && summary.GetProperty("ok").GetBoolean(), "mcp-long-job.mjs failed.\n" + run.Describe());

        Assert.True(summary.GetProperty("handleAfterMs").GetInt32() < summary.GetProperty("clientTimeoutMs").GetInt32(), "the handle came after the client's time-out");
        Assert.True(summary.GetProperty("doneAfterMs").GetInt32() >= 8000, "the job ended before the simulator's 8 s: the test proves nothing");
        Assert.Equal("completed", summary.GetProperty("status").GetString());
        var image = summary.GetProperty("image");
        Assert.Contains(image.GetProperty("kind").GetString(), new[] { "png", "jpeg", "webp" });
        Assert.True(File.Exists(image.GetProperty("path").GetString()), "the image was not saved");
        Assert.Equal(1, _simulator.Counters.Get("fal-queue", "submit"));
        Assert.Equal(0, _simulator.Counters.Get("fal-queue", "cancel"));
    }

    public async Task DisposeAsync()
    {
        await _simulator.DisposeAsync();
        _root.Dispose();
    }
}
