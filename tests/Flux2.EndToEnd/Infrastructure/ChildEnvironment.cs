using System.Diagnostics;

namespace Flux2.EndToEnd;

/// <summary>
/// Isolates child processes from the developer's machine: no provider keys or Flux2 settings leak in (so flux2-mcp
/// uses its offline simulator), tools keep their state in a temporary home, and loopback never goes through a proxy.
/// </summary>
internal static class ChildEnvironment
{
    private static readonly string[] SecretSuffixes = ["_KEY", "_TOKEN", "_SECRET", "_PASSWORD"];
    private static readonly string[] SettingPrefixes = ["FLUX2_", "FLUX2__", "ASPNETCORE_", "DOTNET_URLS", "LOGGING__"];

    /// <summary>Removes secrets and Flux2/ASP.NET settings inherited from this process, and points HOME at <paramref name="home"/> when given.</summary>
    public static ProcessStartInfo Isolate(ProcessStartInfo start, string? home = null)
    {
        var environment = start.Environment;
        foreach (string name in environment.Keys.ToList())
        {
            if (SecretSuffixes.Any(s => name.EndsWith(s, StringComparison.OrdinalIgnoreCase))
                || SettingPrefixes.Any(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
            {
                environment.Remove(name);
            }
        }

        if (home is not null)
        {
            environment["HOME"] = home;
            environment["XDG_CONFIG_HOME"] = Path.Combine(home, ".config");
            environment["XDG_DATA_HOME"] = Path.Combine(home, ".local", "share");
            environment["XDG_CACHE_HOME"] = Path.Combine(home, ".cache");
        }

        environment["NO_PROXY"] = environment["no_proxy"] = "127.0.0.1,localhost,::1";
        environment["NO_COLOR"] = "1";
        environment["FORCE_COLOR"] = "0";
        environment["CI"] = "true";
        environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        environment["DOTNET_NOLOGO"] = "1";
        return start;
    }
}
