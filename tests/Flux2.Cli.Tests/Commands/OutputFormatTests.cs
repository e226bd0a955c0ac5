using System.Text.Json;
using Flux2.Simulator;

namespace Flux2.Cli.Tests;

/// <summary>Files are what their names say: over the simulator, every saved file's bytes agree with its extension.</summary>
public sealed class OutputFormatTests
{
    [Fact]
    public async Task Generate_ToAPngName_OnAModelWhoseDefaultIsJpeg_AsksThePngOfTheProvider()
    {
        using var dir = new TempDirectory();

        var result = await Cli.RunAsync(
            ["generate", "a lighthouse", "--provider", "fal", "--model", "flux-2-pro", "--out", dir.Combine("lighthouse.png"), "--json"], Cli.OfflineEnvironment());

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("png", TestImages.FormatOf(dir.Combine("lighthouse.png")));
        Assert.Equal("image/png", result.Json.GetProperty("images")[0].GetProperty("content_type").GetString());
        Assert.DoesNotContain(Warnings(result), w => w.Contains("convert", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(["lighthouse.png"], Directory.GetFiles(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Generate_WithNoOut_OnAModelWhoseDefaultIsJpeg_NamesTheFileAfterItsJpegBytes()
    {
        using var dir = new TempDirectory();

        var result = await Cli.RunAsync(["generate", "a lighthouse", "--provider", "fal", "--model", "flux-2-pro", "--out", dir.Path + "/"], Cli.OfflineEnvironment());

        Assert.True(result.ExitCode == 0, result.ToString());
        string path = Assert.Single(Directory.GetFiles(dir.Path));
        Assert.EndsWith(".jpg", path, StringComparison.Ordinal);
        Assert.Equal("jpeg", TestImages.FormatOf(path));
    }

    [Fact]
    public async Task Generate_ToAWebpName_OnAModelWithoutWebp_ConvertsLocallyAndWarns()
    {
        using var dir = new TempDirectory();

        var result = await Cli.RunAsync(
            ["generate", "a lighthouse", "--provider", "fal", "--model", "flux-2-pro", "--num-images", "2", "--out", dir.Combine("lighthouse.webp"), "--json"],
            Cli.OfflineEnvironment());

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["lighthouse-1.webp", "lighthouse-2.webp"], Directory.GetFiles(dir.Path).Select(Path.GetFileName).Order());
        Assert.All(Directory.GetFiles(dir.Path), path => Assert.Equal("webp", TestImages.FormatOf(path)));
        Assert.All(result.Json.GetProperty("images").EnumerateArray(), image => Assert.Equal("image/webp", image.GetProperty("content_type").GetString()));
        var warnings = Warnings(result);
        Assert.Equal(2, warnings.Count(w => w.Contains("came as JPEG", StringComparison.Ordinal) && w.Contains("converted it to WebP locally", StringComparison.Ordinal)));
        Assert.Contains("warning: lighthouse-1.webp: the image came as JPEG", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generate_WhenTheFormatAndTheOutNameDisagree_Exits2NamingBoth()
    {
        using var dir = new TempDirectory();

        var result = await Cli.RunAsync(["generate", "a lighthouse", "--format", "jpeg", "--out", dir.Combine("x.png"), "--json"], Cli.OfflineEnvironment());

        Assert.Equal(2, result.ExitCode);
        var error = result.Json.GetProperty("error");
        Assert.Equal("invalid_argument", error.GetProperty("kind").GetString());
        string message = error.GetProperty("message").GetString()!;
        Assert.Contains("--format jpeg", message, StringComparison.Ordinal);
        Assert.Contains("--out 'x.png'", message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(dir.Path));
        Assert.DoesNotContain("Simulated", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Download_OfAJpegToAPngName_SavesPngBytesAndWarns()
    {
        await using var server = await SimulatorServer.StartAsync();
        using var dir = new TempDirectory();
        var generated = await Cli.RunAsync(["generate", "a cat", "--model", "flux-2-pro", "--out", dir.Combine("cat"), "--json"], Cli.FalEnvironment(server));
        Assert.True(generated.ExitCode == 0, generated.ToString());
        Assert.Equal("jpeg", TestImages.FormatOf(dir.Combine("cat.jpg")));
        string url = generated.Json.GetProperty("images")[0].GetProperty("url").GetString()!;

        var result = await Cli.RunAsync(["download", url, "--out", dir.Combine("copy.png"), "--json"], Cli.FalEnvironment(server));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(dir.Combine("copy.png"), result.Json.GetProperty("path").GetString());
        Assert.Equal("png", TestImages.FormatOf(dir.Combine("copy.png")));
        Assert.Equal("image/png", result.Json.GetProperty("content_type").GetString());
        Assert.Contains("converted it to PNG", Assert.Single(result.Json.GetProperty("warnings").EnumerateArray()).GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Batch_LinesWithWebpOutputs_SaveWebpBytes()
    {
        using var dir = new TempDirectory();
        string input = dir.Combine("prompts.jsonl");
        File.WriteAllLines(input,
        [
            """{"prompt":"a fox","model":"flux-2-pro","provider":"fal","out":"fox.webp"}""",
            """{"prompt":"a hare","model":"flux-2-dev","provider":"fal","num_images":2,"path":"shots/hare.webp"}""",
            """{"prompt":"a bad line","format":"png","out":"bad.webp"}""",
        ]);

        var result = await Cli.RunAsync(["batch", input, "--out", dir.Combine("out"), "--json"], Cli.OfflineEnvironment());

        Assert.Equal(2, result.ExitCode);
        string[] webps = [dir.Combine("out", "fox.webp"), dir.Combine("out", "shots", "hare-1.webp"), dir.Combine("out", "shots", "hare-2.webp")];
        Assert.All(webps, path => Assert.Equal("webp", TestImages.FormatOf(path)));
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Contains("converted it to WebP", lines[0].GetProperty("warnings")[0].GetString(), StringComparison.Ordinal);
        Assert.False(lines[1].TryGetProperty("warnings", out var devWarnings) && devWarnings.ValueKind == JsonValueKind.Array
            && devWarnings.EnumerateArray().Any(w => w.GetString()!.Contains("convert", StringComparison.Ordinal)), "flux-2-dev on fal offers webp: it is asked for, not converted");
        var error = lines[2].GetProperty("error");
        Assert.Equal("invalid_argument", error.GetProperty("kind").GetString());
        Assert.Contains("format png", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("out 'bad.webp'", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.False(File.Exists(dir.Combine("out", "bad.webp")));
    }

    private static List<string> Warnings(CliResult result) =>
        [.. result.Json.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!)];
}
