using Microsoft.Extensions.DependencyInjection;

namespace Flux2.Cli.Tests;

/// <summary>Runs <c>flux2</c> in-process with captured streams and an isolated environment.</summary>
internal static class Cli
{
    /// <summary>Runs the command; <paramref name="environment"/> is the whole environment it sees (no real keys).</summary>
    public static async Task<CliResult> RunAsync(
        string[] args,
        IReadOnlyDictionary<string, string?>? environment = null,
        Action<IServiceCollection>? configureServices = null,
        string? currentDirectory = null,
        CancellationToken cancellationToken = default)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var runtime = new CliRuntime
        {
            Out = stdout,
            Error = stderr,
            Environment = environment ?? new Dictionary<string, string?>(),
            ConfigureServices = configureServices,
            CurrentDirectory = currentDirectory ?? Directory.GetCurrentDirectory(),
            SettingsFile = "/nonexistent/appsettings.json",
        };
        int code = await Flux2Cli.RunAsync(args, runtime, cancellationToken);
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Offline: no key, the simulator answers at once.</summary>
    public static Dictionary<string, string?> OfflineEnvironment() => new()
    {
        ["Flux2__Simulator__LatencyMs"] = "0",
    };

    /// <summary>A fal key and base URLs pointing at a test's simulator, with short time-outs and few retries.</summary>
    public static Dictionary<string, string?> FalEnvironment(Flux2.Simulator.SimulatorServer server) => new()
    {
        ["FAL_KEY"] = "test-key",
        ["Flux2__Providers__Fal__BaseUrl"] = server.DialectUrl("fal").ToString(),
        ["Flux2__Providers__Fal__QueueBaseUrl"] = server.DialectUrl("fal-queue").ToString(),
        ["Flux2__Providers__Fal__RetryBaseDelay"] = "00:00:00.050",
        ["Flux2__Providers__Fal__MaxRetryDelay"] = "00:00:00.200",
        ["Flux2__Providers__Fal__MaxRetries"] = "1",
    };
}
