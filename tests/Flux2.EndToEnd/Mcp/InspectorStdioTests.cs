using Xunit.Abstractions;

namespace Flux2.EndToEnd;

/// <summary>The MCP Inspector CLI launches <c>dotnet flux2-mcp.dll</c> over stdio, as MCP clients do, once per call.</summary>
[Collection(EndToEndGroup.Name)]
[Trait("Category", "Slow")]
[Trait("Needs", "node")]
[Trait("Needs", "process")]
public sealed class InspectorStdioTests : InspectorScenarios, IDisposable
{
    private readonly TempDirectory _root;

    public InspectorStdioTests(NodeToolsFixture node, ITestOutputHelper output)
        : this(node, output, new TempDirectory("mcp-stdio"))
    {
    }

    private InspectorStdioTests(NodeToolsFixture node, ITestOutputHelper output, TempDirectory root)
        : base(node, output)
    {
        _root = root;
        OutputDirectory = root.Sub("output");
        Scratch = root.Sub("scratch");
        Target = ["-e", $"FLUX2_OUTPUT_DIR={OutputDirectory}", "--", DotnetHost.Path, EndToEndPaths.McpServerAssembly];
    }

    protected override string OutputDirectory { get; }

    protected override string Scratch { get; }

    protected override IReadOnlyList<string> Target { get; }

    public void Dispose() => _root.Dispose();
}
