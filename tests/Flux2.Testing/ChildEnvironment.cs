using System.Diagnostics;

namespace Flux2.Testing;

/// <summary>
/// Keeps the developer's machine out of child processes: no provider keys or Flux2 settings leak in (so the offline simulator or
/// the test's own simulator answers), and, when asked, tools keep their state in a temporary home and never colour their output.
/// </summary>
public static class ChildEnvironment
{
    private static readonly string[] SecretSuffixes = ["_KEY", "_TOKEN", "_SECRET", "_PASSWORD"];
    private static readonly string[] SettingPrefixes = ["FLUX2_", "FLUX2__", "ASPNETCORE_", "DOTNET_URLS", "LOGGING__"];

    /// <summary>Removes inherited secrets (…_KEY, …_TOKEN, …_SECRET, …_PASSWORD) and Flux2 / ASP.NET Core settings from <paramref name="start"/>.</summary>
    public static ProcessStartInfo RemoveSecretsAndSettings(ProcessStartInfo start)
    {
        ArgumentNullException.ThrowIfNull(start);
        foreach (string name in start.Environment.Keys.ToList())
        {
            if (SecretSuffixes.Any(s => name.EndsWith(s, StringComparison.OrdinalIgnoreCase))
                || SettingPrefixes.Any(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
            {
                start.Environment.Remove(name);
            }
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        return start;
    }

    /// <summary>
    /// <see cref="RemoveSecretsAndSettings"/>, then: HOME (and the XDG folders) in <paramref name="home"/> when given, loopback never
    /// through a proxy, no colours, CI=true.
    /// </summary>
    public static ProcessStartInfo Isolate(ProcessStartInfo start, string? home = null)
    {
        RemoveSecretsAndSettings(start);
        var environment = start.Environment;
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
        return start;
    }

    /// <summary>Sets each variable of <paramref name="variables"/> on <paramref name="start"/>; a null value removes the variable.</summary>
    public static ProcessStartInfo Apply(ProcessStartInfo start, IEnumerable<KeyValuePair<string, string?>>? variables)
    {
        ArgumentNullException.ThrowIfNull(start);
        foreach (var (name, value) in variables ?? [])
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        return start;
    }
}
