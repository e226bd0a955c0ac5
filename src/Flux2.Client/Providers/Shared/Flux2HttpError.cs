using System.Net;
using System.Net.Http.Headers;

namespace Flux2.Client;

/// <summary>An unsuccessful provider response, read once, handed to an adapter's <see cref="Flux2ErrorRefiner"/>.</summary>
internal sealed record Flux2HttpError
{
    /// <summary>The provider name.</summary>
    public required string Provider { get; init; }

    /// <summary>The HTTP status.</summary>
    public required HttpStatusCode StatusCode { get; init; }

    /// <summary>The response body as text (at most <see cref="Flux2ProviderHttp.MaxErrorBodyChars"/> characters), API keys redacted.</summary>
    public required string Body { get; init; }

    /// <summary>The response headers.</summary>
    public required HttpResponseHeaders Headers { get; init; }

    /// <summary>The wait the provider asked for (Retry-After, retry-after-ms), when any.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The kind the generic status mapping chose.</summary>
    public required Flux2ErrorKind DefaultKind { get; init; }

    /// <summary>The generic message for the status (used when the adapter keeps the default).</summary>
    public required string DefaultMessage { get; init; }

    /// <summary>The provider's request id from a response header, when any.</summary>
    public string? RequestId { get; init; }

    /// <summary>True when this answered a paid submit with a status that leaves the job's fate unknown (408, 499, 504).</summary>
    public bool OutcomeUnknown { get; init; }

    /// <summary>How many attempts the pipeline made of the request, e.g. "3 attempts".</summary>
    public string Attempts { get; init; } = "1 attempt";

    /// <summary>
    /// For a paid request answered with a server error the provider's rules do not name as repeatable: why it was sent only once,
    /// with a leading space; empty otherwise.
    /// </summary>
    public string NotRepeated { get; init; } = "";

    /// <summary>The status as an integer.</summary>
    public int Status => (int)StatusCode;

    /// <summary>", after N attempts" plus <see cref="NotRepeated"/>: what a server-error message says about the tries made.</summary>
    public string Tries => $", after {Attempts}{NotRepeated}";

    /// <summary>Creates an error of the given kind with this response's status, provider, request id and Retry-After filled in.</summary>
    public Flux2Exception Create(Flux2ErrorKind kind, string message, string? providerErrorType = null, string? parameter = null) => new(kind, message)
    {
        Provider = Provider,
        StatusCode = Status,
        ProviderErrorType = providerErrorType,
        RequestId = RequestId,
        RetryAfter = RetryAfter,
        Parameter = parameter,
        OutcomeUnknown = OutcomeUnknown,
    };

    /// <summary>Creates a content-filtered error with this response's details.</summary>
    public Flux2ContentFilteredException CreateContentFiltered(string message, IReadOnlyList<string>? reasons, bool inputRefused, string? providerErrorType = null) => new(message, reasons)
    {
        Provider = Provider,
        StatusCode = Status,
        ProviderErrorType = providerErrorType,
        RequestId = RequestId,
        InputRefused = inputRefused,
        OutcomeUnknown = OutcomeUnknown,
    };

    /// <summary>The generic error for this response.</summary>
    public Flux2Exception CreateDefault() => Create(DefaultKind, DefaultMessage);
}
