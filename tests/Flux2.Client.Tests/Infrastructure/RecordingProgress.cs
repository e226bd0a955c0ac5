using System.Collections.Concurrent;

namespace Flux2.Client.Tests;

/// <summary>An <see cref="IProgress{T}"/> that records synchronously (Progress&lt;T&gt; posts to the thread pool).</summary>
internal sealed class RecordingProgress : IProgress<Flux2Progress>
{
    public ConcurrentQueue<Flux2Progress> Reports { get; } = new();

    public void Report(Flux2Progress value) => Reports.Enqueue(value);
}
