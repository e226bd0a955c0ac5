namespace Flux2.EndToEnd;

/// <summary>
/// A test of the packed and installed tools: it packs Flux2.Mcp and Flux2.Cli as Native AOT (minutes of compiling on two cores),
/// so it runs only when <c>FLUX2_TEST_INSTALLED_TOOLS=1</c> and says plainly that it was skipped otherwise.
/// </summary>
public sealed class InstalledToolFactAttribute : FactAttribute
{
    /// <summary>The variable that turns these tests on.</summary>
    public const string Variable = "FLUX2_TEST_INSTALLED_TOOLS";

    /// <summary>Skips unless <see cref="Variable"/> is 1.</summary>
    public InstalledToolFactAttribute()
    {
        Skip = SkipReason;
    }

    /// <summary>Why these tests are skipped now; null when they run.</summary>
    internal static string? SkipReason => Environment.GetEnvironmentVariable(Variable) == "1"
        ? null
        : $"Skipped: packing and installing the tools compiles Native AOT twice (minutes); set {Variable}=1 to run it.";
}
