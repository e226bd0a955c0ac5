using System.Text.Json;

namespace Flux2.Cli.Tests;

public sealed class ModelsCommandTests
{
    [Fact]
    public async Task Models_Json_ListsEveryProvidersRows()
    {
        var result = await Cli.RunAsync(["models", "--json"], Cli.OfflineEnvironment());

        Assert.True(result.ExitCode == 0, result.ToString());
        var rows = result.Json.GetProperty("models").EnumerateArray().ToList();
        Assert.Contains(rows, r => r.GetProperty("provider").GetString() == "fal" && r.GetProperty("model").GetString() == "flux-2-pro");
        Assert.Contains(rows, r => r.GetProperty("provider").GetString() == "bfl");
        Assert.All(rows, r => Assert.Equal(JsonValueKind.Number, r.GetProperty("max_images").ValueKind));
    }

    [Fact]
    public async Task Models_WithAProvider_ShowsATableOfOnlyItsRows()
    {
        var result = await Cli.RunAsync(["models", "--provider", "fal"], Cli.OfflineEnvironment());

        Assert.True(result.ExitCode == 0, result.ToString());
        string[] lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("PROVIDER", lines[0]);
        Assert.True(lines.Length > 2);
        Assert.All(lines.Skip(1), line => Assert.StartsWith("fal ", line));
    }
}
