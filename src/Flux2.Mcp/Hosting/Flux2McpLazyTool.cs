using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Flux2.Mcp;

/// <summary>
/// A tool known by name at start-up whose SDK tool (parameter binding, JSON schemas: tens of milliseconds of reflection and
/// JIT) is built on first use (tools/list, tools/call) or by <see cref="Flux2McpWarmUp"/>, so <c>initialize</c> is not kept waiting.
/// </summary>
/// <remarks>
/// The SDK reshapes the output schema of its own tool type for clients older than protocol 2026-07-28, but only when the
/// schema's type is not "object"; the schemas of these tools are objects, so passing the inner tool's through is the same.
/// </remarks>
internal sealed class Flux2McpLazyTool(string name, Func<McpServerTool> create) : McpServerTool, IMcpServerPrimitive
{
    private readonly Lazy<McpServerTool> _inner = new(() => WithoutRepeatedTitle(create()), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <inheritdoc />
    public override Tool ProtocolTool => _inner.Value.ProtocolTool;

    /// <inheritdoc />
    public override IReadOnlyList<object> Metadata => _inner.Value.Metadata;

    /// <summary>The tool name, without building the tool (the tool collection keys on it).</summary>
    string IMcpServerPrimitive.Id => name;

    /// <summary>Builds the SDK tool now.</summary>
    public void EnsureCreated() => _ = _inner.Value;

    /// <inheritdoc />
    public override ValueTask<CallToolResult> InvokeAsync(RequestContext<CallToolRequestParams> request, CancellationToken cancellationToken = default) =>
        _inner.Value.InvokeAsync(request, cancellationToken);

    /// <inheritdoc />
    public override string ToString() => name;

    // The SDK sends the title twice (tool.title and annotations.title, its older home); clients read tool.title first.
    private static McpServerTool WithoutRepeatedTitle(McpServerTool tool)
    {
        if (tool.ProtocolTool is { Title: not null, Annotations: { } annotations })
        {
            annotations.Title = null;
        }

        return tool;
    }
}
