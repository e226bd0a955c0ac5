using Microsoft.Extensions.Configuration.Memory;

namespace Flux2.Mcp;

/// <summary>
/// The defaults of a server whose users are on other machines (<see cref="Flux2McpOptions.RemoteClients"/>): its disk is not theirs,
/// so nothing is written there for them unless the operator says so, and what is written is kept within bounds. They sit beneath
/// every other configuration source, so any setting the operator gives (appsettings, environment, command line) wins, key by key.
/// </summary>
internal static class Flux2McpRemoteDefaults
{
    /// <summary>The settings: no saved images or downloads; if saving is turned on, a day and 1 GiB of files at most.</summary>
    public static IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Flux2:Tools:SaveImages"] = "false",
        ["Flux2:Tools:SaveDownloads"] = "false",
        ["Flux2:Tools:OutputMaxAge"] = "1.00:00:00",
        ["Flux2:Tools:OutputMaxMegabytes"] = "1024",
    };

    /// <summary>Whether the users are remote: the explicit setting, else <paramref name="exposed"/> (HTTP bound to a non-loopback address).</summary>
    public static bool Resolve(IConfiguration configuration, bool exposed)
    {
        string key = Flux2McpOptions.SectionName + ":" + nameof(Flux2McpOptions.RemoteClients);
        if (configuration[key] is not { Length: > 0 } text)
        {
            return exposed;
        }

        return bool.TryParse(text.Trim(), out bool remote)
            ? remote
            : throw new Flux2McpStartupException($"{key} is '{text}'; allowed: true, false, or unset (true when --http listens on a non-loopback address).");
    }

    /// <summary>Puts <see cref="Settings"/> beneath every source of <paramref name="configuration"/> when <paramref name="remote"/>.</summary>
    public static void Apply(IConfigurationBuilder configuration, bool remote)
    {
        if (remote)
        {
            configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = Settings });
        }
    }
}
