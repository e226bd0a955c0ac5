using System.CommandLine;

namespace Flux2.Cli;

/// <summary>Options shared by several commands.</summary>
internal static class CliOptions
{
    /// <summary>The <c>--json</c> flag.</summary>
    public static Option<bool> Json(string what) => new("--json")
    {
        Description = $"Print {what} as JSON on stdout (exactly one document; errors too, as {{\"error\":{{...}}}}). Progress and messages stay on stderr.",
    };

    /// <summary>The global <c>--verbose</c> flag.</summary>
    public static Option<bool> Verbose() => new("--verbose", "-v")
    {
        Description = "Log details (HTTP, retries, provider requests) to stderr.",
        Recursive = true,
    };

    /// <summary>True when the raw arguments ask for JSON output (used to report parse errors as JSON).</summary>
    public static bool WantsJson(IEnumerable<string> args) => args.Any(a => a == "--json");
}
