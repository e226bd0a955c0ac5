using Flux2.Simulator;

namespace Flux2.Cli.Tests;

/// <summary><c>--lora PATH[:SCALE]</c>, <c>loras</c> in batch lines, and LoRA support in <c>flux2 models</c>.</summary>
public sealed class LoraOptionTests
{
    [Fact]
    public async Task Generate_WithLorasOnFalDev_SendsThemToTheLoraApp()
    {
        await using var server = await SimulatorServer.StartAsync();
        using var dir = new TempDirectory();

        var result = await Cli.RunAsync(
            ["generate", "a fox", "--model", "flux-2-dev", "--size", "512x512", "--lora", "https://example.com/style.safetensors:0.6", "--lora", "owner/repo", "--out", dir.Path + "/", "--json"],
            Cli.FalEnvironment(server));

        Assert.True(result.ExitCode == 0, result.ToString());
        var job = Assert.Single(server.Jobs);
        Assert.Equal("fal-ai/flux-2/lora", job.Model);
        Assert.Equal(0, server.Counters.UnknownFields);
    }

    [Fact]
    public async Task Generate_WithALoraOnAProviderWithout_IsRefusedBeforeAnyRequest()
    {
        await using var server = await SimulatorServer.StartAsync();
        var environment = new Dictionary<string, string?>
        {
            ["REPLICATE_API_TOKEN"] = "test-key",
            ["Flux2__Providers__Replicate__BaseUrl"] = server.DialectUrl("replicate").ToString(),
        };

        var result = await Cli.RunAsync(["generate", "a fox", "--provider", "replicate", "--model", "flux-2-klein-4b", "--lora", "owner/repo", "--json"], environment);

        Assert.NotEqual(0, result.ExitCode);
        var error = result.Json.GetProperty("error");
        Assert.Equal("unsupported", error.GetProperty("kind").GetString());
        Assert.Contains("fal (flux-2-dev", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, server.Counters.Total);
    }

    [Theory]
    [InlineData("owner/repo:9")]
    [InlineData(":0.5")]
    public async Task Generate_WithABadLora_IsAnArgumentError(string value)
    {
        var result = await Cli.RunAsync(["generate", "a fox", "--lora", value], Cli.OfflineEnvironment());

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--lora", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Batch_LineWithLoras_SendsThem()
    {
        await using var server = await SimulatorServer.StartAsync();
        using var dir = new TempDirectory();
        string file = Path.Combine(dir.Path, "jobs.jsonl");
        await File.WriteAllTextAsync(file, """{"prompt":"a fox","model":"flux-2-klein-4b","size":"512x512","loras":[{"path":"owner/repo","scale":0.8}]}""" + "\n");

        var result = await Cli.RunAsync(["batch", file, "--out", dir.Path, "--json"], Cli.FalEnvironment(server));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("fal-ai/flux-2/klein/4b/lora", Assert.Single(server.Jobs).Model);
    }

    [Fact]
    public async Task Models_ShowsLoraSupportPerModel()
    {
        var json = await Cli.RunAsync(["models", "--json"], Cli.OfflineEnvironment());
        var table = await Cli.RunAsync(["models", "--provider", "bfl"], Cli.OfflineEnvironment());

        var rows = json.Json.GetProperty("models").EnumerateArray().ToList();
        var falDev = rows.Single(r => r.GetProperty("provider").GetString() == "fal" && r.GetProperty("model").GetString() == "flux-2-dev");
        Assert.Equal("fal-ai/flux-2/lora", falDev.GetProperty("loras").GetProperty("model_id").GetString());
        Assert.Equal(3, falDev.GetProperty("loras").GetProperty("max_loras").GetInt32());
        var replicatePro = rows.Single(r => r.GetProperty("provider").GetString() == "replicate" && r.GetProperty("model").GetString() == "flux-2-pro");
        Assert.True(!replicatePro.TryGetProperty("loras", out var none) || none.ValueKind == System.Text.Json.JsonValueKind.Null);
        Assert.True(!replicatePro.TryGetProperty("pricing", out var price) || price.ValueKind == System.Text.Json.JsonValueKind.Null);
        Assert.Contains(table.Stdout.Split('\n'), line => line.StartsWith("bfl ", StringComparison.Ordinal) && line.Contains("flux-2-klein-4b", StringComparison.Ordinal) && line.Contains("1 finetune", StringComparison.Ordinal));
    }
}
