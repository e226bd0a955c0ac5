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
