namespace Flux2.Benchmarks;

/// <summary>What a spawned process did.</summary>
internal sealed record ProcessResult(int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed, bool TimedOut)
{
    /// <summary>True when it exited 0 in time.</summary>
    public bool Succeeded => ExitCode == 0 && !TimedOut;

    /// <summary>A short account of a failure (exit code and the end of stderr).</summary>
    public string Describe() => TimedOut
        ? $"timed out after {Elapsed.TotalSeconds:0.0} s; stderr: {Tail(Stderr)}"
        : $"exit {ExitCode}; stderr: {Tail(Stderr)}";

    private static string Tail(string text) => text.Length <= 600 ? text.Trim() : "…" + text[^600..].Trim();
}
