using System.CommandLine;

namespace Flux2.Cli;

/// <summary>Range checks for options, reported as parse errors (exit code 2).</summary>
internal static class OptionChecks
{
    /// <summary>Adds a check that returns an error message, or null when the value is fine; values that did not parse are left to the parser's own error.</summary>
    public static void Check<T>(this Option<T> option, Func<T, string?> check)
    {
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count == 0)
            {
                return;
            }

            T value;
            try
            {
                value = result.GetValueOrDefault<T>();
            }
            catch (InvalidOperationException)
            {
                return; // the value did not convert; the parser reports that itself
            }

            if (check(value) is { } error)
            {
                result.AddError(error);
            }
        });
    }
}
