namespace Flux2.Client;

/// <summary>Settings of one provider, bound from <c>Flux2:Providers:{Name}</c>.</summary>
public sealed class Flux2ProviderOptions
{
    /// <summary>The API key; when null the provider's usual environment variable is read (FAL_KEY, BFL_API_KEY, ...).</summary>
    public string? ApiKey { get; set; }

    /// <summary>Replaces the provider's scheme, host and leading path; the rest of each path is the provider's own.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>fal only: the queue host (default https://queue.fal.run).</summary>
    public Uri? QueueBaseUrl { get; set; }

    /// <summary>Jobs in flight at once against this provider; more wait their turn (default 8).</summary>
    public int MaxConcurrency { get; set; } = 8;

    /// <summary>
    /// Overrides the per-attempt time-out of every model of this provider: one HTTP attempt of a submit or sync generation, and of
    /// each status poll, result fetch and cancel (those at most 15 s). A poll cut by it is retried; a paid request is not.
    /// </summary>
    public TimeSpan? AttemptTimeout { get; set; }

    /// <summary>
    /// How long one call to this provider may take in all (default 10 minutes): waiting for a slot, the submit and its retries,
    /// the queue, every poll and the result fetch; what is left of it then bounds downloading the images. When it passes the call
    /// fails with <see cref="Flux2ErrorKind.Timeout"/> and the provider's job is cancelled where the provider can.
    /// </summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Retries of one HTTP request after a transient failure (default 4). A paid request is repeated only after an answer its
    /// provider documents as safe, never after a time-out or a connection dropped mid-request.
    /// </summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>
    /// Whether a 429 is retried inside the HTTP pipeline (default true). A caller that runs its own adaptive limiter
    /// (such as <c>flux2 batch</c>) turns it off to see rate limits at once instead of after the retries.
    /// </summary>
    public bool RetryRateLimited { get; set; } = true;

    /// <summary>First retry delay; later ones grow exponentially with jitter (default 500 ms).</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest wait before one retry, Retry-After included; a provider asking for longer gets a RateLimited error instead (default 30 s).</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Share of failed calls in the sampling window that opens the circuit (default 0.5).</summary>
    public double CircuitBreakerFailureRatio { get; set; } = 0.5;

    /// <summary>Calls in the sampling window before the circuit may open (default 20).</summary>
    public int CircuitBreakerMinimumThroughput { get; set; } = 20;

    /// <summary>The circuit breaker's sampling window (default 30 s).</summary>
    public TimeSpan CircuitBreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open circuit refuses calls (default 15 s).</summary>
    public TimeSpan CircuitBreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How the adapter runs jobs where the provider offers a choice (fal: "queue", the default, or "sync").</summary>
    public string? Mode { get; set; }

    /// <summary>For the generic OpenAI-compatible adapter: FLUX.2 model name to the endpoint's model id.</summary>
    public IDictionary<string, string> ModelIds { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
}
