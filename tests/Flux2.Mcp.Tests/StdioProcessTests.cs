using System.Diagnostics;
using System.Text.Json;

namespace Flux2.Mcp.Tests;

[Trait("Category", "Slow")]
[Trait("Needs", "process")]
public sealed class StdioProcessTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>
{
    [Fact]
    public async Task Stdio_WhenStdinCloses_ExitsPromptly()
    {
        using var process = Start(TestServer.Settings(simulator.Server, TestServer.NewOutputDirectory()));
        await process.StandardInput.WriteLineAsync(
            """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}""");
        await process.StandardInput.FlushAsync();
        string? line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        using (var response = JsonDocument.Parse(line!))
        {
            Assert.Equal("flux2-mcp", response.RootElement.GetProperty("result").GetProperty("serverInfo").GetProperty("name").GetString());
        }

        var clock = Stopwatch.StartNew();
        process.StandardInput.Close();
        bool exited = process.WaitForExit(TimeSpan.FromSeconds(5));
        clock.Stop();

        Assert.True(exited, "the server did not exit after stdin closed");
        Assert.Equal(0, process.ExitCode);

        // SDK clients kill a server that lingers past 2 s; the target is 200 ms (measured without the test host's load).
        Assert.True(clock.ElapsedMilliseconds < 2000, $"exit took {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task Stdio_WritesNothingButProtocolToStdout()
    {
        using var process = Start(TestServer.Settings(simulator.Server, TestServer.NewOutputDirectory(), new Dictionary<string, string> { ["Logging:LogLevel:ModelContextProtocol"] = "Trace" }));
        await process.StandardInput.WriteLineAsync(
            """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}""");
        await process.StandardInput.WriteLineAsync("""{"jsonrpc":"2.0","method":"notifications/initialized"}""");
        await process.StandardInput.WriteLineAsync("""{"jsonrpc":"2.0","id":2,"method":"tools/list"}""");
        await process.StandardInput.FlushAsync();
        var stdoutLines = new List<string>();
        for (int i = 0; i < 2; i++)
        {
            stdoutLines.Add((await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)))!);
        }

        process.StandardInput.Close();
        string stdout = string.Join('\n', stdoutLines) + await process.StandardOutput.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(30));
        string stderr = await process.StandardError.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync();

        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.All(lines, l => Assert.Equal("2.0", JsonDocument.Parse(l).RootElement.GetProperty("jsonrpc").GetString()));
        Assert.NotEmpty(stderr);
    }

    [Fact]
    public async Task Stdio_WithoutAnyKey_UsesTheSimulatorAndSaysSo()
    {
        var output = TestServer.NewOutputDirectory();
        var environment = StdioClientTransportOptions.GetDefaultEnvironmentVariables();
        environment["FLUX2_OUTPUT_DIR"] = output;
        environment["Flux2__Tools__CacheDirectory"] = output + "-cache";
        await using var client = await McpClient.CreateAsync(new StdioClientTransport(new StdioClientTransportOptions
        {
            Command = DotnetHost.Path,
            Arguments = [TestServer.ServerDll()],
            InheritEnvironmentVariables = false,
            EnvironmentVariables = environment,
        }));

        var result = await client.CallToolAsync("generate_image", new Dictionary<string, object?> { ["prompt"] = "offline test" });

        Assert.NotEqual(true, result.IsError);
        var structured = result.StructuredContent!.Value;
        Assert.True(structured.GetProperty("simulated").GetBoolean());
        Assert.False(string.IsNullOrEmpty(structured.GetProperty("note").GetString()));
        Assert.Contains("SIMULATED", Assert.IsType<TextContentBlock>(result.Content[0]).Text);
    }

    private static Process Start(IDictionary<string, string> settings)
    {
        var start = ChildProcess.Prepare(DotnetHost.Start(TestServer.ServerDll()));
        ChildEnvironment.Apply(start, SimulatedFalSettings.AsEnvironment(settings));
        return Process.Start(start)!;
    }
}
