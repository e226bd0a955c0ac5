using System.Diagnostics;

namespace Flux2.Benchmarks;

/// <summary>Samples this process's working set and GC heap in a background loop and keeps the peaks.</summary>
internal sealed class MemorySampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly Process _process = Process.GetCurrentProcess();
    private long _peakWorkingSet;
    private long _peakHeap;

    /// <summary>Starts sampling every <paramref name="interval"/>; the baselines are taken now, after a full GC.</summary>
    public MemorySampler(TimeSpan interval)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        _process.Refresh();
        BaselineWorkingSet = _process.WorkingSet64;
        BaselineHeap = GC.GetTotalMemory(false);
        _peakWorkingSet = BaselineWorkingSet;
        _peakHeap = BaselineHeap;
        _loop = Task.Run(() => LoopAsync(interval));
    }

    /// <summary>The working set when sampling started.</summary>
    public long BaselineWorkingSet { get; }

    /// <summary>The GC heap when sampling started.</summary>
    public long BaselineHeap { get; }

    /// <summary>Peak working set minus the baseline.</summary>
    public long WorkingSetGrowth => Interlocked.Read(ref _peakWorkingSet) - BaselineWorkingSet;

    /// <summary>Peak GC heap minus the baseline.</summary>
    public long HeapGrowth => Interlocked.Read(ref _peakHeap) - BaselineHeap;

    /// <summary>Number of samples taken.</summary>
    public int Samples { get; private set; }

    /// <summary>Stops sampling (one last sample is taken).</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        Sample();
        _stop.Dispose();
        _process.Dispose();
    }

    private async Task LoopAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
        {
            Sample();
        }
    }

    private void Sample()
    {
        _process.Refresh();
        long ws = _process.WorkingSet64;
        long heap = GC.GetTotalMemory(false);
        if (ws > _peakWorkingSet)
        {
            Interlocked.Exchange(ref _peakWorkingSet, ws);
        }

        if (heap > _peakHeap)
        {
            Interlocked.Exchange(ref _peakHeap, heap);
        }

        Samples++;
    }
}
