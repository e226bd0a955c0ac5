using Flux2.Simulator;

namespace Flux2.Cli.Tests.FaultMatrix;

/// <summary>
/// One provider flow of the fault matrix: the CLI configured for it by a key and base URLs only (as a new user would), with the
/// matrix's short time-outs, and where the simulator counts its paid request, its polls and its cancels.
/// </summary>
/// <param name="Name">The flow's name in test output.</param>
/// <param name="Provider">The <c>--provider</c> value.</param>
/// <param name="KeyVariable">The provider's key variable.</param>
/// <param name="Section">The configuration section (<c>Flux2__Providers__{Section}__…</c>).</param>
/// <param name="BaseDialect">The simulator dialect behind the base URL.</param>
/// <param name="Dialect">The simulator dialect that receives the paid request, polls and cancels.</param>
/// <param name="Submit">The simulator's name for the paid request.</param>
/// <param name="Poll">The simulator's name for the status poll; null for a synchronous flow.</param>
/// <param name="CancelsJobs">Whether the provider can cancel a job it accepted (and the adapter does when it gives up).</param>
/// <param name="Repeats500">Whether the provider's documentation makes a paid request answered 500 safe to send again.</param>
/// <param name="DownloadsUrl">Whether the image comes back as a URL the CLI downloads (not as bytes).</param>
/// <param name="Mode">The <c>Mode</c> setting, when the flow needs one.</param>
internal sealed record MatrixFlow(
    string Name,
    string Provider,
    string KeyVariable,
    string Section,
    string BaseDialect,
    string Dialect,
    string Submit,
    string? Poll,
    bool CancelsJobs,
    bool Repeats500,
    bool DownloadsUrl,
    string? Mode = null)
{
    /// <summary>The key every flow is given; it must never appear in any output.</summary>
    public const string Key = "matrix-key-3f9c71ab";

    /// <summary>Each attempt's time-out (as the run had 3 s).</summary>
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(1);

    /// <summary>Each call's time-out (as the run had 8 s).</summary>
    public static readonly TimeSpan TotalTimeout = TimeSpan.FromSeconds(2.5);

    /// <summary>Retries after a transient failure (as the run).</summary>
    public const int MaxRetries = 2;

    /// <summary>The seven flows of the issue.</summary>
    public static IReadOnlyList<MatrixFlow> All { get; } =
    [
        new("fal-queue", "fal", "FAL_KEY", "Fal", "fal", "fal-queue", "submit", "status-stream", CancelsJobs: true, Repeats500: true, DownloadsUrl: true),
        new("fal-sync", "fal", "FAL_KEY", "Fal", "fal", "fal", "sync", null, CancelsJobs: false, Repeats500: true, DownloadsUrl: true, Mode: "sync"),
        new("bfl", "bfl", "BFL_API_KEY", "Bfl", "bfl", "bfl", "submit", "poll", CancelsJobs: false, Repeats500: true, DownloadsUrl: true),
        new("replicate", "replicate", "REPLICATE_API_TOKEN", "Replicate", "replicate", "replicate", "create", "get", CancelsJobs: true, Repeats500: false, DownloadsUrl: true),
        new("together", "together", "TOGETHER_API_KEY", "Together", "together", "together", "generate", null, CancelsJobs: false, Repeats500: true, DownloadsUrl: true),
        new("aiml", "aimlapi", "AIML_API_KEY", "AimlApi", "aiml", "aiml", "generate", null, CancelsJobs: false, Repeats500: true, DownloadsUrl: true),
        new("segmind", "segmind", "SEGMIND_API_KEY", "Segmind", "segmind", "segmind", "generate", null, CancelsJobs: false, Repeats500: true, DownloadsUrl: false),
    ];

    /// <summary>Finds a flow by name.</summary>
    public static MatrixFlow Named(string name) => All.Single(f => f.Name == name);

    /// <summary>
    /// The whole environment the CLI sees for this flow: the key, base URLs and the matrix's time-outs and retries (or, to warm
    /// the simulator and the code paths up once, time-outs long enough for a cold start).
    /// </summary>
    public Dictionary<string, string?> Environment(SimulatorServer server, bool warmUp = false)
    {
        string prefix = $"Flux2__Providers__{Section}__";
        var environment = new Dictionary<string, string?>
        {
            [KeyVariable] = Key,
            [prefix + "BaseUrl"] = server.DialectUrl(BaseDialect).ToString(),
            [prefix + "AttemptTimeout"] = (warmUp ? TimeSpan.FromSeconds(60) : AttemptTimeout).ToString("c", System.Globalization.CultureInfo.InvariantCulture),
            [prefix + "TotalTimeout"] = (warmUp ? TimeSpan.FromSeconds(120) : TotalTimeout).ToString("c", System.Globalization.CultureInfo.InvariantCulture),
            [prefix + "MaxRetries"] = MaxRetries.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [prefix + "RetryBaseDelay"] = "00:00:00.020",
            [prefix + "MaxRetryDelay"] = "00:00:00.200",
        };
        if (Provider == "fal")
        {
            environment[prefix + "QueueBaseUrl"] = server.DialectUrl("fal-queue").ToString();
        }

        if (Mode is not null)
        {
            environment[prefix + "Mode"] = Mode;
        }

        return environment;
    }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
