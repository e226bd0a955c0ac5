namespace Flux2.Benchmarks;

internal sealed class CliBatchBenchmark : IBenchmark
{
    public string Name => "cli-batch";

    public string Description => "todo";

    public Task RunAsync(BenchOptions options, BenchReport report, CancellationToken cancellationToken) => throw new NotSupportedException();
}
