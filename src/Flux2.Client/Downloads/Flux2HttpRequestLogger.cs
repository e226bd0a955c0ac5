using Microsoft.Extensions.Http.Logging;
using Microsoft.Extensions.Logging;

namespace Flux2.Client;

/// <summary>
/// The request log of Flux2's HttpClients, in place of the default one: method, origin and path, status and time, never the
/// query (signed URLs carry their signature there) and never a header (keys travel in x-key, Authorization, x-api-key). The
/// default logger redacts header values in its text but still hands them, raw, to structured sinks.
/// </summary>
internal sealed partial class Flux2HttpRequestLogger(ILogger logger) : IHttpClientLogger
{
    /// <inheritdoc/>
    public object? LogRequestStart(HttpRequestMessage request) => null;

    /// <inheritdoc/>
    public void LogRequestStop(object? context, HttpRequestMessage request, HttpResponseMessage response, TimeSpan elapsed) =>
        LogAnswered(logger, request.Method.Method, Describe(request.RequestUri), (int)response.StatusCode, elapsed.TotalMilliseconds);

    /// <inheritdoc/>
    public void LogRequestFailed(object? context, HttpRequestMessage request, HttpResponseMessage? response, Exception exception, TimeSpan elapsed) =>
        LogFailed(logger, request.Method.Method, Describe(request.RequestUri), exception.GetType().Name, elapsed.TotalMilliseconds);

    /// <summary>scheme://host:port/path, without query or fragment (or user info).</summary>
    internal static string Describe(Uri? uri) =>
        uri is null ? "(no URI)"
        : uri.IsAbsoluteUri ? uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped) + (uri.Query.Length > 1 ? "?(query not logged)" : "")
        : "(relative URI)";

    [LoggerMessage(Level = LogLevel.Debug, Message = "HTTP {Method} {Target} answered {StatusCode} in {ElapsedMs:0.0} ms")]
    private static partial void LogAnswered(ILogger logger, string method, string target, int statusCode, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Debug, Message = "HTTP {Method} {Target} failed ({Error}) after {ElapsedMs:0.0} ms")]
    private static partial void LogFailed(ILogger logger, string method, string target, string error, double elapsedMs);
}
