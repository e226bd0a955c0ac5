using Xunit.Abstractions;

namespace Flux2.EndToEnd;

/// <summary>The MCP Inspector CLI talks streamable HTTP to one <c>flux2-mcp --http</c> child process on loopback.</summary>
[Collection(EndToEndGroup.Name)]
[Trait("Category", "Slow")]
[Trait("Needs", "node")]
[Trait("Needs", "process")]
public sealed class InspectorHttpTests(NodeToolsFixture node, McpHttpServerFixture server, ITestOutputHelper output)
    : InspectorScenarios(node, output), IClassFixture<McpHttpServerFixture>
{
    protected override string OutputDirectory => server.OutputDirectory;

    protected override string Scratch => server.Scratch;

    protected override IReadOnlyList<string> Target =>
        ["--transport", "http", "--server-url", server.Server.Endpoint.ToString()];

    protected override string ServerLog => server.Server.Log;
}
