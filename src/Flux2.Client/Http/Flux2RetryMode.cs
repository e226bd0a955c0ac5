namespace Flux2.Client;

/// <summary>How the resilience pipeline may retry one HTTP request.</summary>
internal enum Flux2RetryMode
{
    /// <summary>Safe to send again whatever happened (GET, status polls, result fetches, cancel).</summary>
    Idempotent,

    /// <summary>
    /// A request with a side effect (a submit or sync generation that costs money). Sent again only when the provider
    /// certainly did not act on it: a refused connection, 429, or 502/503 answered before processing. Never after a
    /// time-out or a connection dropped mid-request: the outcome is unknown and a second paid job could result.
    /// </summary>
    NotIdempotent,
}
