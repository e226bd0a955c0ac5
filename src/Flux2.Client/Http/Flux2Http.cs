namespace Flux2.Client;

/// <summary>
/// Conventions shared by the adapters and the resilience pipeline: named HttpClients and per-request options.
/// </summary>
internal static class Flux2Http
{
    /// <summary>Per-attempt time-out for this request (the model's; polls use a short one).</summary>
    public static readonly HttpRequestOptionsKey<TimeSpan> AttemptTimeout = new("Flux2.AttemptTimeout");

    /// <summary>Counts the attempts the pipeline made of this request (set by the adapters' plumbing, counted inside the pipeline).</summary>
    public static readonly HttpRequestOptionsKey<Flux2AttemptCounter> Attempts = new("Flux2.Attempts");

    /// <summary>The provider's rules for sending this paid request again; unset means <see cref="Flux2ProviderRules.Conservative"/>.</summary>
    public static readonly HttpRequestOptionsKey<Flux2ProviderRules> Rules = new("Flux2.Rules");

    /// <summary>How this request may be retried; unset means <see cref="Flux2RetryMode.Idempotent"/> for GET/HEAD/PUT-cancel and <see cref="Flux2RetryMode.NotIdempotent"/> for POST.</summary>
    public static readonly HttpRequestOptionsKey<Flux2RetryMode> RetryMode = new("Flux2.RetryMode");

    /// <summary>Where the provider call this request belongs to reports progress (the pipeline's retries report to it).</summary>
    public static readonly HttpRequestOptionsKey<IProgress<Flux2Progress>> Progress = new("Flux2.Progress");

    /// <summary>The provider name, for telemetry and error messages.</summary>
    public static readonly HttpRequestOptionsKey<string> Provider = new("Flux2.Provider");

    /// <summary>The name of the HttpClient (with its resilience pipeline) used for a provider's API calls.</summary>
    public static string ClientName(string provider) => "Flux2.Provider." + provider.ToLowerInvariant();

    /// <summary>The name of the HttpClient used for downloads (no API key, guarded redirects).</summary>
    public const string DownloadClientName = "Flux2.Download";

    /// <summary>The User-Agent sent on every request (some provider CDNs refuse a blank one).</summary>
    public static string UserAgent { get; } =
        $"Flux2.Agents/{typeof(Flux2Http).Assembly.GetName().Version?.ToString(3) ?? "0.0.0"} (+https://github.com/flux2-agents/flux2-agents)";
}
