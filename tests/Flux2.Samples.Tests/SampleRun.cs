namespace Flux2.Samples.Tests;

/// <summary>Runs a built sample (<c>dotnet Sample.dll</c>) in a clean environment: no provider keys, no OPENAI_API_KEY, a fresh output folder.</summary>
internal sealed record SampleRun(int ExitCode, string Stdout, string Stderr, string OutputDirectory)
{
    private static readonly string[] Kept = ["PATH", "HOME", "USER", "TMPDIR", "TEMP", "TMP", "DOTNET_ROOT", "DOTNET_CLI_HOME", "LANG", "SystemRoot", "USERPROFILE", "APPDATA", "LOCALAPPDATA", "ProgramFiles"];

    /// <summary>Where every sample of this test run writes (each in its own folder); deleted when the test process exits.</summary>
    private static readonly TempDirectory Scratch = TempDirectory.DeletedAtExit("samples");

    public static async Task<SampleRun> RunAsync(string sample, params string[] arguments)
    {
        string output = Scratch.Sub(sample + "-" + Guid.NewGuid().ToString("N")[..8]);
        var start = DotnetHost.Start(SampleDll(sample), arguments);

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

        var run = await ChildProcess.RunAsync(start, TimeSpan.FromMinutes(3));
        if (run.TimedOut)
        {
            throw new TimeoutException($"{sample} did not finish in 3 minutes.\n{run.Describe()}");
        }

        return new SampleRun(run.ExitCode, run.StandardOutput, run.StandardError, output);
    }

    /// <summary>The sample's dll in the same artifacts tree as this test assembly (bin/{Sample}/{pivot}/{Sample}.dll).</summary>
    public static string SampleDll(string sample)
    {
        string folder = RepositoryPaths.OutputOf(sample);
        string candidate = Path.Combine(folder, sample + ".dll");
        if (File.Exists(candidate))
        {
            return candidate;
        }

        string all = Path.GetDirectoryName(folder)!;
        var found = Directory.Exists(all) ? Directory.EnumerateFiles(all, sample + ".dll", SearchOption.AllDirectories).FirstOrDefault() : null;
        return found ?? throw new FileNotFoundException($"{sample}.dll was not built (looked in {candidate}); build the solution first.");
    }

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}
