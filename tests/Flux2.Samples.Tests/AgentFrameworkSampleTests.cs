using System.Globalization;
using System.Text.RegularExpressions;

namespace Flux2.Samples.Tests;

/// <summary>The Agent Framework samples run offline (simulator, scripted model, no stdin) and leave real images where they say.</summary>
[Trait("Category", "Slow")]
[Trait("Needs", "process")]
public sealed partial class AgentFrameworkSampleTests
{
    [Fact]
    public async Task AgentFrameworkChat_WithoutAKey_TheScriptedModelDrivesTheAgentsToolsAndTheImageIsSaved()
    {
        var run = await SampleRun.RunAsync("AgentFrameworkChat");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Chat model: scripted", run.Stdout);
        Assert.Contains("  [tool] generate_image(prompt=Draw a lighthouse on a cliff at dusk", run.Stdout);
        Assert.Contains("  [progress] completed", run.Stdout);
        Assert.Matches(@"\[approval\] download_image\(url=flux2://images/\w+, path=lighthouse.png, overwrite=True\): approved \(non-interactive run\)", run.Stdout);
        string saved = Path.Combine(run.OutputDirectory, "lighthouse.png");
        Assert.Contains("assistant> Saved the image to " + saved + " (1152x864, ", run.Stdout);
        Assert.Contains("Saved: " + saved, run.Stdout);
        AssertPng(saved, run);

        // download_image saved the very image generate_image made (kept under its id), not something else.
        string generated = Assert.Single(Directory.GetFiles(run.OutputDirectory, "flux2-*.png"));
        Assert.Equal(await File.ReadAllBytesAsync(generated), await File.ReadAllBytesAsync(saved));
        Assert.Contains("simulator", run.Stderr, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ImageWorkflow_WithoutStdin_ChoosesTheLargestCandidateByRuleRefinesItAndDownloadsThePng()
    {
        var run = await SampleRun.RunAsync("ImageWorkflow");

        Assert.True(run.ExitCode == 0, run.ToString());
        var candidates = CandidateLine().Matches(run.Stdout).Select(m => new
        {
            Number = int.Parse(m.Groups["number"].Value, CultureInfo.InvariantCulture),
            Seed = long.Parse(m.Groups["seed"].Value, CultureInfo.InvariantCulture),
            Id = m.Groups["id"].Value,
            Bytes = long.Parse(m.Groups["bytes"].Value, CultureInfo.InvariantCulture),
            File = m.Groups["file"].Value.Trim(),
        }).ToList();
        Assert.Equal(3, candidates.Count);
        Assert.Equal(3, candidates.Select(c => c.Seed).Distinct().Count());
        foreach (var candidate in candidates)
        {
            AssertPng(candidate.File, run);
            Assert.Equal(candidate.Bytes, new FileInfo(candidate.File).Length);
        }

        var largest = candidates.MaxBy(c => c.Bytes)!;
        Assert.Contains($"chose candidate {largest.Number} seed={largest.Seed} id={largest.Id} (rule: largest file)", run.Stdout);
        Assert.Matches($@"refined id=flux2://images/\w+ from reference {Regex.Escape(largest.Id)} \(provider \w+, model flux-2-[\w-]+, simulated\)", run.Stdout);

        string final = Path.Combine(run.OutputDirectory, "final.png");
        Assert.Contains($"saved {final} (", run.Stdout);
        AssertPng(final, run);
        Assert.NotEqual(await File.ReadAllBytesAsync(largest.File), await File.ReadAllBytesAsync(final));
    }

    [Fact]
    public async Task ImageWorkflow_ChooseFlag_RefinesTheNamedCandidate()
    {
        var run = await SampleRun.RunAsync("ImageWorkflow", "--candidates", "2", "--choose", "2");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(2, CandidateLine().Count(run.Stdout));
        var second = CandidateLine().Matches(run.Stdout).Single(m => m.Groups["number"].Value == "2");
        Assert.Contains($"chose candidate 2 seed={second.Groups["seed"].Value} id={second.Groups["id"].Value} (rule: candidate 2)", run.Stdout);
        Assert.Contains($"from reference {second.Groups["id"].Value}", run.Stdout);
        AssertPng(Path.Combine(run.OutputDirectory, "final.png"), run);
    }

    [Fact]
    public async Task ImageWorkflow_UnknownRule_ExitsWithTheAllowedRulesBeforeGeneratingAnything()
    {
        var run = await SampleRun.RunAsync("ImageWorkflow", "--choose", "prettiest");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("--choose 'prettiest' is not allowed; use largest, smallest or a candidate number (1 to 3).", run.Stderr);
        Assert.Empty(Directory.GetFiles(run.OutputDirectory));
    }

    [Fact]
    public async Task ImageWorkflow_ToolFailure_StopsWithTheFailingStepAndTheReasonAndSavesNoResult()
    {
        var run = await SampleRun.RunAsync("ImageWorkflow", "--Flux2:Model=flux-9");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Matches(@"workflow stopped: step 'candidate-\d' failed: [^\n]*'flux-9'[^\n]*allowed: flux-2-pro", run.Stderr);
        Assert.DoesNotContain("chose candidate", run.Stdout);
        Assert.False(File.Exists(Path.Combine(run.OutputDirectory, "final.png")));
    }

    private static void AssertPng(string path, SampleRun run)
    {
        Assert.True(File.Exists(path), $"{path} is missing.\n{run}");
        Assert.Equal("png", TestImages.FormatOf(path));
    }

    [GeneratedRegex(@"^candidate (?<number>\d+) seed=(?<seed>\d+) id=(?<id>flux2://images/\w+) bytes=(?<bytes>\d+) file=(?<file>.+)$", RegexOptions.Multiline)]
    private static partial Regex CandidateLine();
}
