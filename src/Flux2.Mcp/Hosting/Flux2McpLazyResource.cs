using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Flux2.Mcp;

/// <summary>
/// A resource known by its URI template at start-up whose SDK resource (parameter binding, URI template matcher) is built on
/// first use or by <see cref="Flux2McpWarmUp"/>, so <c>initialize</c> is not kept waiting.
/// </summary>
internal sealed class Flux2McpLazyResource(string uriTemplate, Func<McpServerResource> create) : McpServerResource, IMcpServerPrimitive
{
    private readonly Lazy<McpServerResource> _inner = new(create, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <inheritdoc />
    public override ResourceTemplate ProtocolResourceTemplate => _inner.Value.ProtocolResourceTemplate;

    /// <inheritdoc />
    public override Resource? ProtocolResource => _inner.Value.ProtocolResource;

    /// <inheritdoc />
    public override IReadOnlyList<object> Metadata => _inner.Value.Metadata;

    /// <summary>The URI template, without building the resource (the resource collection keys on it).</summary>
    string IMcpServerPrimitive.Id => uriTemplate;

    /// <summary>Builds the SDK resource now.</summary>
    public void EnsureCreated() => _ = _inner.Value;

    /// <inheritdoc />
    public override bool IsMatch(string uri) => _inner.Value.IsMatch(uri);

    /// <inheritdoc />
    public override ValueTask<ReadResourceResult> ReadAsync(RequestContext<ReadResourceRequestParams> request, CancellationToken cancellationToken = default) =>
        _inner.Value.ReadAsync(request, cancellationToken);

    /// <inheritdoc />
    public override string ToString() => uriTemplate;
}
