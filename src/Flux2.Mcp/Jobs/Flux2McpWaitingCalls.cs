using System.Collections.Concurrent;

namespace Flux2.Mcp;

/// <summary>
/// The generate_image calls of this process that are waiting for their job, by session and request id, so that the client's
/// <c>notifications/cancelled</c> of such a call (an explicit cancel) cancels the job; a call that stops waiting for any other
/// reason leaves it running. Only where a notification can reach the call: stdio and HTTP sessions (stateless HTTP has none).
/// </summary>
internal sealed class Flux2McpWaitingCalls(TimeProvider time)
{
    /// <summary>How long a call that went away (its request cancelled) is still matched to its job, for a cancel that arrives late.</summary>
    internal static readonly TimeSpan Linger = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, Flux2McpRunningJob> _calls = new(StringComparer.Ordinal);

    /// <summary>The key of a call, or null where a notification cannot reach it (stateless HTTP).</summary>
    public static string? Key(string? sessionId, bool overHttp, string requestId) =>
        sessionId is { Length: > 0 } session ? session + "|" + requestId : overHttp ? null : "stdio|" + requestId;

    /// <summary>Matches the call to its job until <see cref="Forget"/> or <see cref="ForgetLater"/>.</summary>
    public void Add(string key, Flux2McpRunningJob job) => _calls[key] = job;

    /// <summary>The call has returned: a late cancel of it is ignored.</summary>
    public void Forget(string key, Flux2McpRunningJob job) => _calls.TryRemove(new KeyValuePair<string, Flux2McpRunningJob>(key, job));

    /// <summary>The call went away without an answer: a cancel that follows within <see cref="Linger"/> still cancels the job.</summary>
    public void ForgetLater(string key, Flux2McpRunningJob job)
    {
        ITimer? timer = null;
        timer = time.CreateTimer(_ =>
        {
            Forget(key, job);
            timer?.Dispose();
        }, null, Linger, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Cancels the job of a waiting call (the client cancelled it); false when no call of that key waits.</summary>
    public bool Cancel(string key)
    {
        if (_calls.TryRemove(key, out var job))
        {
            job.Cancel();
            return true;
        }

        return false;
    }
}
