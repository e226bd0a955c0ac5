using Flux2.Client;

namespace Flux2.Cli;

/// <summary>The exit codes of <c>flux2</c>.</summary>
internal static class CliExitCodes
{
    /// <summary>Success.</summary>
    public const int Success = 0;

    /// <summary>Anything not covered below.</summary>
    public const int Other = 1;

    /// <summary>Bad arguments, parse errors included.</summary>
    public const int BadArguments = 2;

    /// <summary>Provider or authentication error.</summary>
    public const int Provider = 3;

    /// <summary>Content filtered or moderated.</summary>
    public const int Content = 4;

    /// <summary>Network error or time-out.</summary>
    public const int Network = 5;

    /// <summary>Cancelled with Ctrl+C.</summary>
    public const int Cancelled = 130;

    /// <summary>The exit code of an error category.</summary>
    public static int For(Flux2ErrorCategory category) => category switch
    {
        Flux2ErrorCategory.Argument => BadArguments,
        Flux2ErrorCategory.Provider => Provider,
        Flux2ErrorCategory.Content => Content,
        Flux2ErrorCategory.Network => Network,
        _ => Other,
    };

    /// <summary>The text printed in the root help.</summary>
    public const string HelpText =
        "Exit codes: 0 success, 1 other error, 2 bad arguments, 3 provider or authentication error, " +
        "4 content filtered or moderated, 5 network error or time-out, 130 cancelled (Ctrl+C).";
}
