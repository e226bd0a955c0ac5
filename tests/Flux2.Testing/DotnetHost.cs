using System.Diagnostics;

namespace Flux2.Testing;

/// <summary>The dotnet host that runs this test, for starting built .NET apps (<c>dotnet app.dll</c>) as child processes.</summary>
public static class DotnetHost
{
    /// <summary>The host the SDK named (DOTNET_HOST_PATH), else this process when it is dotnet, else <c>dotnet</c> from PATH.</summary>
    public static string Path { get; } = Find();

    /// <summary>A start for <c>dotnet <paramref name="assembly"/> ARGS</c>.</summary>
    public static ProcessStartInfo Start(string assembly, IEnumerable<string>? arguments = null, string? workingDirectory = null) =>
        ChildProcess.Command(Path, [assembly, .. arguments ?? []], workingDirectory);

    /// <summary>
    /// A start for an SDK command (<c>dotnet pack</c>, <c>build</c>, <c>tool install</c>…) run as a separate build in
    /// <paramref name="workingDirectory"/>: the test host's MSBuild settings do not leak into it, and the SDK stays quiet.
    /// </summary>
    public static ProcessStartInfo Sdk(string workingDirectory, IEnumerable<string> arguments)
    {
        ProcessStartInfo start = ChildProcess.Command(Path, arguments, workingDirectory);
        foreach (string name in start.Environment.Keys.Where(n => n.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        return start;
    }

    private static string Find()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host))
        {
            return host;
        }

        if (Environment.ProcessPath is { } path && System.IO.Path.GetFileNameWithoutExtension(path) == "dotnet")
        {
            return path;
        }

        return "dotnet";
    }
}
