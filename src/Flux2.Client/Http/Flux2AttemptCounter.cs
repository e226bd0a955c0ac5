namespace Flux2.Client;

/// <summary>Counts the attempts the resilience pipeline made of one request, so that messages say how many were actually made.</summary>
internal sealed class Flux2AttemptCounter
{
    private int _count;

    /// <summary>The attempts made so far.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Records one more attempt.</summary>
    public void Increment() => Interlocked.Increment(ref _count);

    /// <summary>"1 attempt" or "N attempts" (at least one: a request that reached no handler was still tried once).</summary>
    public string Describe() => Math.Max(1, Count) switch
    {
        1 => "1 attempt",
        var n => $"{n.ToString(System.Globalization.CultureInfo.InvariantCulture)} attempts",
    };
}
