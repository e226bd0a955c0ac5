using System.CommandLine;
using Flux2.Client;

namespace Flux2.Cli;

/// <summary>Range checks for options, reported as parse errors (exit code 2).</summary>
internal static class OptionChecks
{
    /// <summary>
    /// Checks an option of <c>flux2 generate</c> with the request planner's own rule and wording (the same message a tool call
    /// or a library call gets): the value is put into a probe request that is valid otherwise.
    /// </summary>
    public static void CheckWithPlanner<T>(this Option<T> option, Action<Flux2ImageRequest, T> set) =>
        option.Check(value =>
        {
            var probe = new Flux2ImageRequest { Prompt = "probe" };
            set(probe, value);
            try
            {
                Flux2RequestPlanner.Validate(probe, Flux2Models.Pro);
                return null;
            }
            catch (Flux2Exception error)
            {
                return $"{option.Name}: {error.Message}";
            }
        });

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
