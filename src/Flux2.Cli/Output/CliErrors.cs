using System.Globalization;
using Flux2.Client;

namespace Flux2.Cli;

/// <summary>Reports a failure the one way the command promises: a human line on stderr, the typed error object on stdout with --json, and the exit code.</summary>
internal static class CliErrors
{
    /// <summary>The typed error and exit code of any exception (130 when the token was cancelled).</summary>
    public static (ErrorOutput Error, int ExitCode) Describe(Exception exception, CancellationToken cancellationToken)
    {
        var flux = exception switch
        {
            Flux2Exception known => known,
            OperationCanceledException when cancellationToken.IsCancellationRequested =>
                new Flux2Exception(Flux2ErrorKind.Cancelled, "Cancelled (Ctrl+C); the provider job was cancelled where the provider allows it.", exception),
            OperationCanceledException or TimeoutException =>
                new Flux2Exception(Flux2ErrorKind.Timeout, "The operation timed out; try again, or raise Flux2:Providers:<name>:TotalTimeout.", exception),
            HttpRequestException http =>
                new Flux2Exception(Flux2ErrorKind.Network, $"Network error: {http.Message}", exception),
            IOException or UnauthorizedAccessException =>
                new Flux2Exception(Flux2ErrorKind.InvalidArgument, $"Could not read or write a file: {exception.Message}", exception),
            _ => null,
        };

        if (flux is null)
        {
            return (new ErrorOutput { Kind = "unexpected", Category = "other", Message = $"Unexpected error: {exception.Message}" }, CliExitCodes.Other);
        }

        int code = flux.Kind == Flux2ErrorKind.Cancelled || cancellationToken.IsCancellationRequested
            ? CliExitCodes.Cancelled
            : CliExitCodes.For(flux.Category);
        return (ErrorOutput.From(flux), code);
    }

    /// <summary>Prints the error (stderr always, stdout JSON when asked) and returns the exit code.</summary>
    public static int Report(CliRuntime runtime, bool json, Exception exception, CancellationToken cancellationToken)
    {
        var (error, code) = Describe(exception, cancellationToken);
        runtime.Status.WriteLine($"error ({error.Kind}){Where(error)}: {error.Message}");
        if (error.Kind == "unexpected")
        {
            runtime.Status.WriteLine(exception.ToString());
        }

        if (json)
        {
            CliJson.WriteDocument(runtime.Out, new ErrorEnvelope { Error = error }, CliJsonContext.Default.ErrorEnvelope);
        }

        return code;
    }

    /// <summary>Prints a parse or argument error the same way, with exit code 2.</summary>
    public static int ReportArgument(CliRuntime runtime, bool json, string message, string? parameter = null) =>
        Report(runtime, json, new Flux2Exception(Flux2ErrorKind.InvalidArgument, message) { Parameter = parameter }, CancellationToken.None);

    private static string Where(ErrorOutput error) => error.Provider is null
        ? ""
        : error.StatusCode is { } status
            ? string.Create(CultureInfo.InvariantCulture, $" [{error.Provider} {status}]")
            : $" [{error.Provider}]";
}
