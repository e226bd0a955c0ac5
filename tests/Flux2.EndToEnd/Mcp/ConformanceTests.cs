using System.Text.Json;
using Xunit.Abstractions;

namespace Flux2.EndToEnd;

/// <summary>
/// The official MCP conformance suite's server scenarios that need no test fixtures on the server, each run against one
/// <c>flux2-mcp --http</c> child process.
/// </summary>
[Collection(EndToEndGroup.Name)]
[Trait("Category", "Slow")]
[Trait("Needs", "node")]
[Trait("Needs", "process")]
public sealed class ConformanceTests(NodeToolsFixture node, McpHttpServerFixture server, ITestOutputHelper output)
    : IClassFixture<McpHttpServerFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(180);

    [Theory]
    [InlineData("server-initialize")]
    [InlineData("ping")]
    [InlineData("tools-list")]
    [InlineData("server-sse-multiple-streams")]
    [InlineData("dns-rebinding-protection")]
    public async Task ServerScenario_PassesTheOfficialConformanceSuite(string scenario)
    {
        string results = Path.Combine(server.Scratch, "conformance", $"{scenario}-{Guid.NewGuid():N}");
        var start = node.Start(server.Scratch, Path.Combine(server.Scratch, "home"),
            [node.Conformance, "server", "--url", server.Server.Endpoint.ToString(), "--scenario", scenario, "-o", results]);

        var run = await ChildProcess.RunAsync(start, Timeout);
        output.WriteLine(run.Describe());
        var checks = ReadChecks(results);
        string report = run.Describe() + "\n--- checks.json ---\n" + string.Join('\n', checks.Select(c => c.ToString()))
            + "\n--- server log ---\n" + server.Server.Log;

        Assert.False(run.TimedOut, "The conformance run timed out.\n" + report);
        Assert.True(run.ExitCode == 0, $"Scenario {scenario} failed.\n" + report);
        var statuses = checks.Select(c => ToolResultAssertions.Text(c, "status")).ToList();
        Assert.True(statuses.Contains("SUCCESS"), $"Scenario {scenario} ran no successful check.\n" + report);
        Assert.True(!statuses.Contains("FAILURE"), $"Scenario {scenario} has failed checks.\n" + report);
    }

    private static List<JsonElement> ReadChecks(string results)
    {
        if (!Directory.Exists(results))
        {
            return [];
        }

        var checks = new List<JsonElement>();
        foreach (string file in Directory.EnumerateFiles(results, "checks.json", SearchOption.AllDirectories))
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(file));
            checks.AddRange(document.RootElement.EnumerateArray().Select(c => c.Clone()));
        }

        return checks;
    }
}
