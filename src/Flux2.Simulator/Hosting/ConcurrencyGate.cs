namespace Flux2.Simulator.Hosting;

/// <summary>Counts jobs in flight per API key against a limit read at each acquisition.</summary>
internal sealed class ConcurrencyGate
{
    private readonly Dictionary<string, int> _inFlight = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Takes a slot for <paramref name="apiKey"/> unless <paramref name="limit"/> (0 = unlimited) is reached.</summary>
    public bool TryAcquire(string apiKey, int limit)
    {
        lock (_gate)
        {
            _inFlight.TryGetValue(apiKey, out var count);
            if (limit > 0 && count >= limit)
            {
                return false;
            }

            _inFlight[apiKey] = count + 1;
            return true;
        }
    }

    /// <summary>Returns a slot taken with <see cref="TryAcquire"/>.</summary>
    public void Release(string apiKey)
    {
        lock (_gate)
        {
            if (_inFlight.TryGetValue(apiKey, out var count))
            {
                if (count <= 1)
                {
                    _inFlight.Remove(apiKey);
                }
                else
                {
                    _inFlight[apiKey] = count - 1;
                }
            }
        }
    }

    /// <summary>The number of slots held by <paramref name="apiKey"/>.</summary>
    public int InFlight(string apiKey)
    {
        lock (_gate)
        {
            return _inFlight.GetValueOrDefault(apiKey);
        }
    }
}
