namespace Flux2.Client;

/// <summary>Settings of the caller, bound from the <c>Flux2</c> configuration section.</summary>
public sealed class Flux2ClientOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Flux2";

    /// <summary>The provider to use (env FLUX2_PROVIDER); null takes the first provider whose key is present, else the simulator.</summary>
    public string? Provider { get; set; }

    /// <summary>The default model (default flux-2-pro).</summary>
    public string Model { get; set; } = Flux2Models.Pro;

    /// <summary>Where files are saved (env FLUX2_OUTPUT_DIR; default ./flux2-output).</summary>
    public string OutputDirectory { get; set; } = "flux2-output";

    /// <summary>Per-provider settings keyed by provider name (fal, bfl, replicate, together, aimlapi, segmind, openai).</summary>
    public IDictionary<string, Flux2ProviderOptions> Providers { get; } =
        new Dictionary<string, Flux2ProviderOptions>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Opt-in failover: an ordered provider list tried on an outage for the same model.</summary>
    public IList<string> Failover { get; } = [];

    /// <summary>Refuse a call whose estimate exceeds this many dollars.</summary>
    public decimal? MaxCostPerCallUsd { get; set; }

    /// <summary>Refuse work once this process has spent (estimated) this many dollars.</summary>
    public decimal? MaxCostPerProcessUsd { get; set; }

    /// <summary>Download and save guards.</summary>
    public Flux2DownloadOptions Download { get; set; } = new();

    /// <summary>Reads an environment variable (API keys); a seam so tests never pick up a real key from the machine.</summary>
    internal Func<string, string?> EnvironmentReader { get; set; } = Environment.GetEnvironmentVariable;

    /// <summary>The settings of a provider, or defaults when none are configured (nothing is added).</summary>
    public Flux2ProviderOptions GetProviderOrDefault(string name) =>
        Providers.TryGetValue(name, out var options) ? options : new Flux2ProviderOptions();

    /// <summary>Gets or creates the settings of a provider.</summary>
    public Flux2ProviderOptions GetProvider(string name)
    {
        if (!Providers.TryGetValue(name, out var options))
        {
            options = new Flux2ProviderOptions();
            Providers[name] = options;
        }

        return options;
    }
}
