namespace Flux2.Benchmarks;

internal sealed class McpBytesBenchmark : IBenchmark
{
    public string Name => "mcp-bytes";

    public string Description => "todo";

    public Task RunAsync(BenchOptions options, BenchReport report, CancellationToken cancellationToken) => throw new NotSupportedException();
}
