using Flux2.Simulator;

namespace Flux2.Cli.Tests;

/// <summary>The built executable, run as a user runs it: real exit codes, real streams.</summary>
[Trait("Category", "Slow")]
[Trait("Needs", "process")]
public sealed class CliProcessTests
{
    [Fact]
    public async Task Flux2_GenerateWithNoKey_WritesARealPngAndSaysSimulated()
    {
        using var dir = new TempDirectory();
        var result = await CliProcess.RunAsync(
            ["generate", "a red fox in snow", "--format", "png", "--seed", "1", "--out", dir.Combine("fox.png"), "--json"],
            new Dictionary<string, string?> { ["Flux2__Simulator__LatencyMs"] = "0" });

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(result.Json.GetProperty("simulated").GetBoolean());
        Assert.Contains("FAL_KEY", result.Json.GetProperty("note").GetString());
        Assert.True(TestImages.IsPng(dir.Combine("fox.png")));
        Assert.Contains("No provider key found: using the built-in simulator at http://127.0.0.1:", result.Stderr);
    }

    [Fact]
    public async Task Flux2_GenerateAgainstASimulatorWithAKey_Succeeds()
    {
        await using var server = await SimulatorServer.StartAsync();
        using var dir = new TempDirectory();
        var result = await CliProcess.RunAsync(["generate", "a cat", "--out", dir.Path, "--json"], Cli.FalEnvironment(server));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.False(result.Json.GetProperty("simulated").GetBoolean());
        Assert.True(File.Exists(result.Json.GetProperty("images")[0].GetProperty("path").GetString()));
        Assert.True(server.Counters.Get("fal-queue", "submit") + server.Counters.Get("fal", "sync") == 1);
    }

    [Theory]
    [InlineData(SimulatorFaultKind.Unauthorized, 3, "authentication")]
    [InlineData(SimulatorFaultKind.ContentPolicy, 4, "content_filtered")]
    [InlineData(SimulatorFaultKind.DropConnection, 5, "network")]
    public async Task Flux2_WhenTheProviderFails_ExitsWithTheErrorClassCode(SimulatorFaultKind fault, int exitCode, string kind)
    {
        await using var server = await SimulatorServer.StartAsync();
        server.Faults.Add("*", null, fault, times: 50);
        var result = await CliProcess.RunAsync(["generate", "a cat", "--json"], Cli.FalEnvironment(server));

        Assert.True(result.ExitCode == exitCode, result.ToString());
        Assert.Equal(kind, result.Json.GetProperty("error").GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Flux2_WithABadArgument_Exits2()
    {
        var result = await CliProcess.RunAsync(["generate", "a cat", "--num-images", "12"]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Empty(result.Stdout);
        Assert.Contains("--num-images", result.Stderr);
    }

    [Fact]
    public async Task Flux2_ModelsJson_PrintsTheMatrix()
    {
        var result = await CliProcess.RunAsync(["models", "--json"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(result.Json.GetProperty("models").GetArrayLength() > 5);
    }

    [Fact]
    public async Task Flux2_DownloadRefusal_Exits2()
    {
        using var dir = new TempDirectory();
        var result = await CliProcess.RunAsync(["download", "http://169.254.169.254/latest/meta-data", "--out", dir.Path, "--json"],
            new Dictionary<string, string?> { ["FAL_KEY"] = "test-key" });

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal("download_refused", result.Json.GetProperty("error").GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Flux2_CtrlC_CancelsTheJobAndExits130()
    {
        await using var server = await SimulatorServer.StartAsync(new SimulatorOptions { Latency = TimeSpan.FromSeconds(60) });
        await using var process = CliProcess.Start(["generate", "a slow cat", "--json"], Cli.FalEnvironment(server));

        // Wait until the client knows its job is queued (it has the request id to cancel), then press Ctrl+C.
        await process.WaitForOutputAsync("queued", TimeSpan.FromSeconds(30));
        process.Interrupt();
        var result = CliProcess.ToResult(await process.WaitForExitAsync(TimeSpan.FromSeconds(30)));

        Assert.True(result.ExitCode == 130, result.ToString());
        Assert.Equal("cancelled", result.Json.GetProperty("error").GetProperty("kind").GetString());
        Assert.True(server.Counters.Get("fal-queue", "cancel") >= 1, "the provider job was not cancelled\n" + result);
        Assert.Contains(server.Jobs, job => job.Cancelled);
    }

    [Fact]
    public async Task Flux2_Batch_ReportsEveryLineAndSkipsDoneLinesOnRerun()
    {
        await using var server = await SimulatorServer.StartAsync();
        using var dir = new TempDirectory();
        string input = dir.Combine("prompts.txt");
        File.WriteAllLines(input, ["a fox", "a bird", "a frog"]);
        server.Faults.Add("*", null, SimulatorFaultKind.Unauthorized, times: 1);

        var first = await CliProcess.RunAsync(["batch", input, "--concurrency", "1", "--out", dir.Combine("out"), "--json"], Cli.FalEnvironment(server));
        Assert.True(first.ExitCode == 3, first.ToString());
        Assert.Equal(["error", "ok", "ok"], first.JsonLines.Select(l => l.GetProperty("status").GetString()));

        var second = await CliProcess.RunAsync(["batch", input, "--concurrency", "1", "--out", dir.Combine("out"), "--json"], Cli.FalEnvironment(server));
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal([false, true, true], second.JsonLines.Select(l => l.GetProperty("skipped").GetBoolean()));
    }
}
