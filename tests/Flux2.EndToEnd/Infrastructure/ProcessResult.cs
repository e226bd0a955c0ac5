using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Flux2.EndToEnd;

/// <summary>What a finished (or time-boxed and killed) child process left behind.</summary>
internal sealed partial record ProcessResult(string CommandLine, int ExitCode, string StandardOutput, string StandardError, bool TimedOut, TimeSpan Elapsed)
{
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

    private static string Cut(string value, int keep = 6000)
    {
        value = AnsiEscape().Replace(value, ""); // some tools colour their output whatever NO_COLOR says
        return value.Length <= 2 * keep ? value : string.Concat(value.AsSpan(0, keep), "\n[... cut ...]\n", value.AsSpan(value.Length - keep));
    }

    [GeneratedRegex(@"\x1B\[[0-9;]*[A-Za-z]")]
    private static partial Regex AnsiEscape();
}
