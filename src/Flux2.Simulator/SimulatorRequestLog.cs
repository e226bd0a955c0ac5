namespace Flux2.Simulator;

/// <summary>
/// The newest requests the simulator received (method, path, body), kept only when <see cref="SimulatorOptions.RecordRequests"/>
/// is on, so tests can assert what reached the provider and not only how often.
/// </summary>
public sealed class SimulatorRequestLog
{
    /// <summary>How many requests are kept; older ones are forgotten first.</summary>
    public const int Capacity = 1000;

    private readonly Queue<SimulatorRequest> _requests = new();
    private readonly Lock _gate = new();

    /// <summary>The recorded requests, oldest first.</summary>
    public IReadOnlyList<SimulatorRequest> All
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>The recorded requests whose path starts with <paramref name="pathPrefix"/> (e.g. <c>/fal-queue/</c>), oldest first.</summary>
    public IReadOnlyList<SimulatorRequest> Under(string pathPrefix)
    {
        ArgumentException.ThrowIfNullOrEmpty(pathPrefix);
        return [.. All.Where(r => r.Path.StartsWith(pathPrefix, StringComparison.Ordinal))];
    }

    /// <summary>Forgets every recorded request.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _requests.Clear();
        }
    }

    internal void Add(SimulatorRequest request)
    {
        lock (_gate)
        {
            _requests.Enqueue(request);
            while (_requests.Count > Capacity)
            {
                _requests.Dequeue();
            }
        }
    }
}
