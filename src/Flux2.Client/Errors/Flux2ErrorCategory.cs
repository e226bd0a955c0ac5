namespace Flux2.Client;

/// <summary>The coarse class of an error; the command line's exit code follows it.</summary>
public enum Flux2ErrorCategory
{
    /// <summary>Anything else (exit code 1).</summary>
    Other = 1,

    /// <summary>Bad arguments (exit code 2).</summary>
    Argument = 2,

    /// <summary>Provider or authentication error (exit code 3).</summary>
    Provider = 3,

    /// <summary>Content filtered or moderated (exit code 4).</summary>
    Content = 4,

    /// <summary>Network or time-out (exit code 5).</summary>
    Network = 5,
}
