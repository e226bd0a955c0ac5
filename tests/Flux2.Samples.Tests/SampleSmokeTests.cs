namespace Flux2.Samples.Tests;

/// <summary>Each sample runs offline (simulator, scripted model) from its built dll and succeeds, with the output a user would see.</summary>
[Trait("Category", "Slow")]
[Trait("Needs", "process")]
public sealed class SampleSmokeTests
{
    [Fact]
    public async Task ChatAgent_WithoutAKey_ReplaysTheScriptAndSavesTheImage()
    {
        var run = await SampleRun.RunAsync("ChatAgent");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Chat model: scripted", run.Stdout);
        Assert.Contains("[tool] generate_image(", run.Stdout);
        Assert.Contains("[tool] download_image(url=flux2://images/", run.Stdout);
        string saved = Path.Combine(run.OutputDirectory, "lighthouse.png");
        Assert.Contains("assistant> Saved the image to " + saved, run.Stdout);
        Assert.True(File.Exists(saved), run.ToString());
        Assert.Contains("simulator", run.Stderr, StringComparison.OrdinalIgnoreCase);
        Assert.True(SavedImages.AssertEachIsWhatItsNameSays(run.OutputDirectory) >= 1);
    }

    [Fact]
    public async Task AgentWorkflow_PicksARefinesAndDownloadsTheFinalImage()
    {
        var run = await SampleRun.RunAsync("AgentWorkflow");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(3, run.Stdout.Split('\n').Count(l => l.StartsWith("candidate seed=", StringComparison.Ordinal)));
        string picked = run.Stdout.Split('\n').Single(l => l.StartsWith("picked ", StringComparison.Ordinal));
        string pickedId = picked[(picked.IndexOf("id=", StringComparison.Ordinal) + 3)..].Trim();
        Assert.Contains($"from reference {pickedId}", run.Stdout);
        Assert.Contains("saved " + Path.Combine(run.OutputDirectory, "final.png"), run.Stdout);
        Assert.True(File.Exists(Path.Combine(run.OutputDirectory, "final.png")));
        Assert.True(SavedImages.AssertEachIsWhatItsNameSays(run.OutputDirectory) >= 1);
    }

    [Fact]
    public async Task BatchPipeline_CopesWithRateLimitsAndSavesEveryImage()
    {
        var run = await SampleRun.RunAsync("BatchPipeline");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Summary: 5 succeeded, 0 failed", run.Stdout);
        Assert.Matches(@"Simulator: \d+ submits for 5 prompts \([1-9]\d* refused with 429/503 and retried\)", run.Stdout);
        Assert.Equal(5, Directory.GetFiles(run.OutputDirectory, "0*.jpg").Length);
        Assert.True(File.Exists(Path.Combine(run.OutputDirectory, "summary.json")));
        Assert.True(SavedImages.AssertEachIsWhatItsNameSays(run.OutputDirectory) >= 5);
    }

    [Fact]
    public async Task McpClient_CallsTheServerDirectlyAndThroughAKernel()
    {
        var run = await SampleRun.RunAsync("McpClient");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Connected to flux2-mcp", run.Stdout);
        Assert.Contains("tool generate_image:", run.Stdout);
        Assert.Contains("generate_image -> ok", run.Stdout);
        Assert.Contains("resource_link: flux2://images/", run.Stdout);
        Assert.Contains("kernel plugin flux2mcp: generate_image, download_image", run.Stdout);
        Assert.Contains("kernel generate_image -> id ", run.Stdout);
        Assert.True(File.Exists(Path.Combine(run.OutputDirectory, "mcp-crane.png")));
        Assert.True(File.Exists(Path.Combine(run.OutputDirectory, "kernel-boat.png")));
        Assert.True(SavedImages.AssertEachIsWhatItsNameSays(run.OutputDirectory) >= 2);
    }
}
