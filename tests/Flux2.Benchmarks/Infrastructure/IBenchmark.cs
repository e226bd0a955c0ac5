namespace Flux2.Benchmarks;

/// <summary>One benchmark: runs baseline and subject side by side and reports figures and verdicts.</summary>
internal interface IBenchmark
{
    /// <summary>The name given on the command line.</summary>
    string Name { get; }

    /// <summary>One line on what it measures.</summary>
    string Description { get; }

    /// <summary>Runs the benchmark, writing figures and PASS/MISS lines to <paramref name="report"/>.</summary>
    Task RunAsync(BenchOptions options, BenchReport report, CancellationToken cancellationToken);
}
