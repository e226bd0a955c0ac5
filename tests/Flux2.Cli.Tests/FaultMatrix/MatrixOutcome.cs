namespace Flux2.Cli.Tests.FaultMatrix;

/// <summary>What a user must see for one flow and fault: the exit code, the error kind, and what reached the provider.</summary>
/// <param name="ExitCode">The CLI's exit code.</param>
/// <param name="Kind">The error's kind in the --json error object; null on success.</param>
/// <param name="Submits">Paid requests the simulator received.</param>
/// <param name="Cancels">Cancels the simulator received.</param>
/// <param name="Says">A phrase the error message must hold, when one matters.</param>
/// <param name="EndsByTheDeadline">Whether the run must end within a second of TotalTimeout.</param>
internal sealed record MatrixOutcome(int ExitCode, string? Kind, int Submits, int Cancels = 0, string? Says = null, bool EndsByTheDeadline = false)
{
    /// <summary>Success after <paramref name="submits"/> paid requests.</summary>
    public static MatrixOutcome Saved(int submits = 1) => new(0, null, submits);
}
