using System.Text.Json;

namespace Flux2.EndToEnd;

/// <summary>Runs the official MCP Inspector in CLI mode (<c>mcp-inspector --cli --format json</c>) and parses its one JSON document.</summary>
internal static class InspectorCli
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    /// <summary>
    /// Runs the inspector with <paramref name="method"/> options (e.g. <c>--method tools/list</c>) against <paramref name="target"/>
    /// (a stdio command after <c>--</c>, or <c>--transport http --server-url URL</c>), with HOME in <paramref name="scratch"/>.
    /// </summary>
    public static async Task<InspectorOutcome> RunAsync(NodeToolsFixture node, string scratch, IEnumerable<string> method, IEnumerable<string> target)
    {
        string[] arguments = [node.Inspector, "--cli", "--format", "json", "--connect-timeout", "60000", .. method, .. target];
        var start = node.Start(scratch, Path.Combine(scratch, "home"), arguments);
        var result = await ChildProcess.RunAsync(start, Timeout).ConfigureAwait(false);
        JsonElement? document = null;
        try
        {
            using var parsed = JsonDocument.Parse(result.StandardOutput);
            document = parsed.RootElement.Clone();
        }
        catch (JsonException)
        {
            // Reported by the caller's assertion through Describe().
        }

        return new InspectorOutcome(result, document);
    }
}

/// <summary>An inspector run: the process result and its stdout parsed as JSON (null when it was not JSON).</summary>
internal sealed record InspectorOutcome(ProcessResult Process, JsonElement? Document)
{
    /// <summary>The <c>result</c> member, asserting the run succeeded (exit 0, JSON, no <c>error</c>), with the whole run in the message otherwise.</summary>
    public JsonElement SuccessfulResult()
    {
        Assert.False(Process.TimedOut, "The inspector timed out.\n" + Process.Describe());
        Assert.True(Process.ExitCode == 0, "The inspector failed.\n" + Process.Describe());
        Assert.True(Document is { ValueKind: JsonValueKind.Object }, "The inspector did not print one JSON object.\n" + Process.Describe());
        Assert.True(Document.Value.TryGetProperty("result", out var result), "The inspector's JSON has no result.\n" + Process.Describe());
        return result;
    }
}
