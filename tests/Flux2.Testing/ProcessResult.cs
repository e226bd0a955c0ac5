using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Flux2.Testing;

/// <summary>What a finished (or time-boxed and killed) child process left behind.</summary>
/// <param name="CommandLine">The command as run, for messages.</param>
/// <param name="ExitCode">The exit code; -1 when it was killed at its time-out.</param>
/// <param name="StandardOutput">Everything it wrote to stdout.</param>
/// <param name="StandardError">Everything it wrote to stderr.</param>
/// <param name="TimedOut">True when it overran its time-out and its process tree was killed.</param>
/// <param name="Elapsed">From start to exit (or kill).</param>
public sealed partial record ProcessResult(string CommandLine, int ExitCode, string StandardOutput, string StandardError, bool TimedOut, TimeSpan Elapsed)
{
    /// <summary>True when it exited 0 within its time-out.</summary>
    public bool Succeeded => ExitCode == 0 && !TimedOut;

    /// <summary>A report for assertion messages: the command, how it ended, and both output streams (long ones cut in the middle).</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"$ {CommandLine}\n");
        text.Append(TimedOut
            ? string.Create(CultureInfo.InvariantCulture, $"TIMED OUT after {Elapsed.TotalSeconds:0.0} s (process tree killed)\n")
            : string.Create(CultureInfo.InvariantCulture, $"exit code {ExitCode} after {Elapsed.TotalSeconds:0.0} s\n"));
        text.Append("--- stdout ---\n").Append(Cut(StandardOutput)).Append('\n');
        text.Append("--- stderr ---\n").Append(Cut(StandardError)).Append('\n');
        return text.ToString();
    }

    /// <summary>One line on how it ended and the end of its stderr, for a benchmark's notes.</summary>
    public string Summary() => (TimedOut
        ? string.Create(CultureInfo.InvariantCulture, $"timed out after {Elapsed.TotalSeconds:0.0} s")
        : string.Create(CultureInfo.InvariantCulture, $"exit {ExitCode}")) + "; stderr: " + Tail(StandardError, 600);

    /// <inheritdoc/>
    public override string ToString() => Describe();

    private static string Cut(string value, int keep = 6000)
    {
        value = AnsiEscape().Replace(value, ""); // some tools colour their output whatever NO_COLOR says
        return value.Length <= 2 * keep ? value : string.Concat(value.AsSpan(0, keep), "\n[... cut ...]\n", value.AsSpan(value.Length - keep));
    }

    private static string Tail(string text, int keep) => text.Length <= keep ? text.Trim() : "…" + text[^keep..].Trim();

    [GeneratedRegex(@"\x1B\[[0-9;]*[A-Za-z]")]
    private static partial Regex AnsiEscape();
}
