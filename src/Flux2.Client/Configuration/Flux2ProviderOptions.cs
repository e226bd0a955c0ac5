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

    /// <summary>Overrides the per-attempt time-out of every model of this provider.</summary>
    public TimeSpan? AttemptTimeout { get; set; }

    /// <summary>How long one request may take in all, retries and queueing included (default 10 minutes).</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Retries after a transient failure (default 4).</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>For the generic OpenAI-compatible adapter: FLUX.2 model name to the endpoint's model id.</summary>
    public IDictionary<string, string> ModelIds { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
}
