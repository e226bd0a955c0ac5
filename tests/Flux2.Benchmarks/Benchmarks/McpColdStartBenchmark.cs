namespace Flux2.Benchmarks;

internal sealed class McpColdStartBenchmark : IBenchmark
{
    public string Name => "mcp-cold-start";

    public string Description => "todo";

    public Task RunAsync(BenchOptions options, BenchReport report, CancellationToken cancellationToken) => throw new NotSupportedException();
}
