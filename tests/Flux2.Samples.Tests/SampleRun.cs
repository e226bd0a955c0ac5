using System.Diagnostics;

namespace Flux2.Samples.Tests;

/// <summary>Runs a built sample (<c>dotnet Sample.dll</c>) in a clean environment: no provider keys, no OPENAI_API_KEY, a fresh output folder.</summary>
internal sealed record SampleRun(int ExitCode, string Stdout, string Stderr, string OutputDirectory)
{
    private static readonly string[] Kept = ["PATH", "HOME", "USER", "TMPDIR", "TEMP", "TMP", "DOTNET_ROOT", "DOTNET_CLI_HOME", "LANG", "SystemRoot", "USERPROFILE", "APPDATA", "LOCALAPPDATA", "ProgramFiles"];

    public static async Task<SampleRun> RunAsync(string sample, params string[] arguments)
    {
        string output = Path.Combine(Path.GetTempPath(), "flux2-samples-tests", sample + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(output);
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(SampleDll(sample));
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // A clean environment: nothing a developer or CI machine holds (real keys, OPENAI_API_KEY, FLUX2_*) reaches the sample.
        start.Environment.Clear();
        foreach (string name in Kept)
        {
            if (Environment.GetEnvironmentVariable(name) is { } value)
            {
                start.Environment[name] = value;
            }
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["FLUX2_OUTPUT_DIR"] = output;
        start.Environment["Flux2__Tools__CacheDirectory"] = output + "-cache";

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{sample} did not finish in 3 minutes.\nstdout:\n{await stdout}\nstderr:\n{await stderr}");
        }

        return new SampleRun(process.ExitCode, await stdout, await stderr, output);
    }

    /// <summary>The sample's dll in the same artifacts tree as this test assembly (bin/{Sample}/{pivot}/{Sample}.dll).</summary>
    public static string SampleDll(string sample)
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        string pivot = here.Name;
        string bin = here.Parent!.Parent!.FullName;
        string candidate = Path.Combine(bin, sample, pivot, sample + ".dll");
        if (File.Exists(candidate))
        {
            return candidate;
        }

        var found = Directory.Exists(Path.Combine(bin, sample))
            ? Directory.EnumerateFiles(Path.Combine(bin, sample), sample + ".dll", SearchOption.AllDirectories).FirstOrDefault()
            : null;
        return found ?? throw new FileNotFoundException($"{sample}.dll was not built (looked in {candidate}); build the solution first.");
    }

    public static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host
        : Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path
        : "dotnet";

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}
