namespace Flux2.Client;

/// <summary>
/// The one error type of the caller: <see cref="Kind"/> says what went wrong, the message says what to change.
/// Messages never contain API keys.
/// </summary>
public class Flux2Exception : Exception
{
    /// <summary>Creates an error of the given kind.</summary>
    public Flux2Exception(Flux2ErrorKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
    }

    /// <summary>Creates an <see cref="Flux2ErrorKind.InvalidArgument"/> error.</summary>
    public Flux2Exception() : this(Flux2ErrorKind.InvalidArgument, "Invalid argument.") { }

    /// <summary>Creates an <see cref="Flux2ErrorKind.InvalidArgument"/> error.</summary>
    public Flux2Exception(string message) : this(Flux2ErrorKind.InvalidArgument, message) { }

    /// <summary>Creates an <see cref="Flux2ErrorKind.InvalidArgument"/> error.</summary>
    public Flux2Exception(string message, Exception innerException) : this(Flux2ErrorKind.InvalidArgument, message, innerException) { }

    /// <summary>What went wrong.</summary>
    public Flux2ErrorKind Kind { get; }

    /// <summary>The coarse class of <see cref="Kind"/>.</summary>
    public Flux2ErrorCategory Category => CategoryOf(Kind);

    /// <summary>The provider involved, when any.</summary>
    public string? Provider { get; init; }

    /// <summary>The HTTP status the provider answered, when any.</summary>
    public int? StatusCode { get; init; }

    /// <summary>The provider's own error type (fal error_type, 422 detail type, Together error.type), when any.</summary>
    public string? ProviderErrorType { get; init; }

    /// <summary>The provider's request id, when one was assigned.</summary>
    public string? RequestId { get; init; }

    /// <summary>How long the provider asked us to wait, when it said.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The offending parameter (e.g. "size"), for argument and validation errors.</summary>
    public string? Parameter { get; init; }

    /// <summary>
    /// True when a paid submit timed out or its connection dropped mid-request: the provider may have started (and may bill)
    /// the job, so it was neither retried nor failed over.
    /// </summary>
    public bool OutcomeUnknown { get; init; }

    /// <summary>The class of an error kind.</summary>
    public static Flux2ErrorCategory CategoryOf(Flux2ErrorKind kind) => kind switch
    {
        Flux2ErrorKind.InvalidArgument or Flux2ErrorKind.Unsupported or Flux2ErrorKind.BudgetExceeded
            or Flux2ErrorKind.DownloadRefused => Flux2ErrorCategory.Argument,
        Flux2ErrorKind.MissingApiKey or Flux2ErrorKind.Authentication or Flux2ErrorKind.InsufficientCredits
            or Flux2ErrorKind.PermissionDenied or Flux2ErrorKind.ProviderValidation or Flux2ErrorKind.RateLimited
            or Flux2ErrorKind.ProviderUnavailable or Flux2ErrorKind.JobFailed or Flux2ErrorKind.MalformedResponse
            or Flux2ErrorKind.EmptyResult or Flux2ErrorKind.ResultExpired or Flux2ErrorKind.BadResult => Flux2ErrorCategory.Provider,
        Flux2ErrorKind.ContentFiltered => Flux2ErrorCategory.Content,
        Flux2ErrorKind.Timeout or Flux2ErrorKind.Network => Flux2ErrorCategory.Network,
        _ => Flux2ErrorCategory.Other,
    };
}
