using System.Diagnostics;

namespace Flux2.Cli.Tests;

/// <summary>Runs the built <c>flux2</c> (<c>dotnet flux2.dll</c>) as a child process, with the developer's provider keys and Flux2 settings removed from its environment.</summary>
internal static class CliProcess
{
    /// <summary>The path of flux2.dll, built beside the tests.</summary>
    public static string DllPath
    {
        get
        {
            string path = Path.Combine(AppContext.BaseDirectory, "flux2.dll");
            Assert.True(File.Exists(path), $"flux2.dll not found at {path}");
            return path;
        }
    }

    /// <summary>Starts the command (in the temp folder unless told otherwise) with an isolated environment plus <paramref name="environment"/>.</summary>
    public static BackgroundProcess Start(IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment = null, string? workingDirectory = null) =>
        BackgroundProcess.Start(StartInfo(args, environment, workingDirectory), "flux2");

    /// <summary>Runs to completion; past <paramref name="timeout"/> (90 s) its tree is killed and the exit code is -1.</summary>
    public static async Task<CliResult> RunAsync(IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment = null, TimeSpan? timeout = null) =>
        ToResult(await ChildProcess.RunAsync(StartInfo(args, environment, null), timeout ?? TimeSpan.FromSeconds(90)));

    /// <summary>What a finished run printed, as the in-process runs report it.</summary>
    public static CliResult ToResult(ProcessResult result) =>
        new(result.ExitCode, result.StandardOutput, result.TimedOut ? "TIMED OUT (process tree killed)\n" + result.StandardError : result.StandardError);

    private static ProcessStartInfo StartInfo(IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment, string? workingDirectory)
    {
        var start = DotnetHost.Start(DllPath, args, workingDirectory ?? Path.GetTempPath());
        foreach (string variable in TestEnvironment.Isolated)
        {
            start.Environment.Remove(variable);
        }

        ChildEnvironment.RemoveSecretsAndSettings(start);
        return ChildEnvironment.Apply(start, environment);
    }
}
