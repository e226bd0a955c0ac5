namespace Flux2.Redis;

/// <summary>Wakes the waiters of one provider in this process when any replica frees one of its slots.</summary>
internal sealed class Flux2RedisReleaseSignal
{
    private TaskCompletionSource _next = New();

    /// <summary>Completes at the next <see cref="Pulse"/>.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    /// <summary>Wakes everyone waiting on <see cref="Next"/>.</summary>
    public void Pulse() => Interlocked.Exchange(ref _next, New()).TrySetResult();

    private static TaskCompletionSource New() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
