using System.Runtime.CompilerServices;
using Flux2.Client;

namespace Flux2.Cli.Tests;

/// <summary>Keeps the developer's real provider keys and settings out of every test, in-process and in child processes.</summary>
internal static class TestEnvironment
{
    /// <summary>Variables removed from this test process and from every child process.</summary>
    public static IReadOnlyList<string> Isolated { get; } =
    [
        .. Flux2Providers.All.Select(p => p.ApiKeyVariable).OfType<string>(),
        "FLUX2_PROVIDER", "FLUX2_MODEL", "FLUX2_OUTPUT_DIR", "OPENAI_API_KEY",
    ];

#pragma warning disable CA2255 // A test assembly's module initializer is the one place that runs before any test can read the environment.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void ClearProviderKeys()
    {
        foreach (string variable in Isolated)
        {
            Environment.SetEnvironmentVariable(variable, null);
        }

        foreach (string name in Environment.GetEnvironmentVariables().Keys.Cast<string>().Where(n => n.StartsWith("Flux2__", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }
}
