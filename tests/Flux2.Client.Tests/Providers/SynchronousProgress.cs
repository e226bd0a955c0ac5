using System.Collections.Concurrent;

namespace Flux2.Client.Tests.Providers;

/// <summary>Collects progress reports as they happen (Progress&lt;T&gt; would post them later).</summary>
internal sealed class SynchronousProgress : IProgress<Flux2Progress>
{
    private readonly ConcurrentQueue<Flux2Progress> _reports = new();

    public IReadOnlyList<Flux2Progress> Reports => [.. _reports];

    public void Report(Flux2Progress value) => _reports.Enqueue(value);
}
