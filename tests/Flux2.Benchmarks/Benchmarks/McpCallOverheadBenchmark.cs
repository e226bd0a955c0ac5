namespace Flux2.Benchmarks;

internal sealed class McpCallOverheadBenchmark : IBenchmark
{
    public string Name => "mcp-call-overhead";

    public string Description => "todo";

    public Task RunAsync(BenchOptions options, BenchReport report, CancellationToken cancellationToken) => throw new NotSupportedException();
}
