using System.Text;
using System.Text.Json.Nodes;
using Flux2.Simulator;

namespace Flux2.Benchmarks;

/// <summary>
/// Issue 4: bytes of a <c>generate_image</c> result for a 2048x2048 image with default settings, and of the <c>tools/list</c> result
/// (the JSON-RPC <c>result</c> as UTF-8, which is what a client puts in a model's context budget), with a breakdown by content item.
/// </summary>
internal sealed class McpBytesBenchmark : IBenchmark
{
    public string Name => "mcp-bytes";

    public string Description => "bytes of a generate_image result (2048x2048, defaults) and of tools/list";

    public async Task RunAsync(BenchOptions options, BenchReport report, CancellationToken cancellationToken)
    {
        string published = await DotnetBuilds.PublishAsync(options, "Flux2.Mcp", cancellationToken: cancellationToken).ConfigureAwait(false);
        await using SimulatorServer simulator = await SimulatorServer.StartAsync(new SimulatorOptions(), cancellationToken).ConfigureAwait(false);
        string output = Path.Combine(options.WorkDirectory, "mcp-bytes", Guid.NewGuid().ToString("N")[..8]);
        await using McpServerSession session = await McpServerSession.StartAsync(published, simulator, output, mode: null, cancellationToken).ConfigureAwait(false);

        JsonNode tools = await session.RequestAsync("tools/list", new JsonObject(), cancellationToken).ConfigureAwait(false);
        int toolsBytes = Utf8(tools);
        report.Figure("tools/list result", $"{toolsBytes:N0} bytes ({BenchReport.Bytes(toolsBytes)}), {tools["tools"]?.AsArray().Count} tools: " +
            string.Join(", ", tools["tools"]!.AsArray().Select(t => $"{t!["name"]} {Utf8(t):N0} B")));

        JsonNode result = await session.RequestAsync("tools/call", McpServerSession.GenerateParams("a mountain lake at sunrise, benchmark bytes", "2048x2048", seed: null), cancellationToken).ConfigureAwait(false);
        if (result["isError"]?.GetValue<bool>() == true)
        {
            throw new InvalidOperationException("generate_image failed: " + result.ToJsonString());
        }

        int resultBytes = Utf8(result);
        report.Figure("generate_image result", $"{resultBytes:N0} bytes ({BenchReport.Bytes(resultBytes)}) for a 2048x2048 image, default settings");
        foreach (JsonNode? item in result["content"]?.AsArray() ?? [])
        {
            string type = item?["type"]?.GetValue<string>() ?? "?";
            string extra = type == "image" ? $", {item!["mimeType"]}, base64 {item["data"]?.GetValue<string>().Length:N0} chars" : "";
            report.Figure($"  content: {type}", $"{Utf8(item!):N0} B{extra}");
        }

        if (result["structuredContent"] is { } structured)
        {
            report.Figure("  structuredContent", $"{Utf8(structured):N0} B");
        }

        BenchReport.Note("no target is set for these figures: they are reported for the record.");
    }

    private static int Utf8(JsonNode node) => Encoding.UTF8.GetByteCount(node.ToJsonString());
}
