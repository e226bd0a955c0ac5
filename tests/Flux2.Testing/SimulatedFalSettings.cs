using Flux2.Simulator;

namespace Flux2.Testing;

/// <summary>Configuration that points a host's fal provider at a test's simulator, as the hosts read it (<c>Flux2:…</c> keys).</summary>
public static class SimulatedFalSettings
{
    /// <summary>
    /// fal as the provider with <paramref name="apiKey"/>, both fal base URLs on <paramref name="simulator"/>, no retries, images saved to
    /// <paramref name="outputDirectory"/> and cached in <paramref name="cacheDirectory"/>; then <paramref name="extra"/> on top.
    /// </summary>
    public static Dictionary<string, string> For(SimulatorServer simulator, string apiKey, string outputDirectory, string cacheDirectory, IEnumerable<KeyValuePair<string, string>>? extra = null)
    {
        ArgumentNullException.ThrowIfNull(simulator);
        var settings = new Dictionary<string, string>
        {
            ["Flux2:Provider"] = "fal",
            ["Flux2:Providers:fal:ApiKey"] = apiKey,
            ["Flux2:Providers:fal:BaseUrl"] = simulator.DialectUrl("fal").ToString(),
            ["Flux2:Providers:fal:QueueBaseUrl"] = simulator.DialectUrl("fal-queue").ToString(),
            ["Flux2:Providers:fal:MaxRetries"] = "0",
            ["Flux2:OutputDirectory"] = outputDirectory,
            ["Flux2:Tools:CacheDirectory"] = cacheDirectory,
        };
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>The same settings as environment variables (<c>:</c> becomes <c>__</c>), for a host run as a child process.</summary>
    public static Dictionary<string, string?> AsEnvironment(IEnumerable<KeyValuePair<string, string>> settings) =>
        settings.ToDictionary(p => p.Key.Replace(":", "__", StringComparison.Ordinal), p => (string?)p.Value);

    /// <summary>The same settings as command-line arguments (<c>--Key=value</c>), for a host built in-process.</summary>
    public static string[] AsArguments(IEnumerable<KeyValuePair<string, string>> settings) => [.. settings.Select(p => $"--{p.Key}={p.Value}")];
}
