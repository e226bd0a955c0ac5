namespace Flux2.Client;

/// <summary>
/// Forwards an adapter's progress and remembers whether the provider accepted the job (a report carried its request
/// id). A failure after that point leaves a paid job behind whose outcome is unknown, so it must not fail over.
/// </summary>
internal sealed class Flux2AcceptedJobProgress(IProgress<Flux2Progress>? inner) : IProgress<Flux2Progress>
{
    private volatile string? _requestId;

    /// <summary>The provider's request id once it accepted the job; null before.</summary>
    public string? AcceptedRequestId => _requestId;

    /// <inheritdoc/>
    public void Report(Flux2Progress value)
    {
        if (value.RequestId is { Length: > 0 } id)
        {
            _requestId ??= id;
        }

        inner?.Report(value);
    }

    /// <summary>Marks an outage that struck after the provider accepted the job as an unknown outcome.</summary>
    public Flux2Exception MarkIfAccepted(Flux2Exception ex) =>
        _requestId is { } id && !ex.OutcomeUnknown && ex is not Flux2ContentFilteredException
            && ex.Kind is Flux2ErrorKind.ProviderUnavailable or Flux2ErrorKind.Timeout or Flux2ErrorKind.Network
            ? new Flux2Exception(ex.Kind, $"{ex.Message} The job {id} was already accepted, so it may still run and be billed; it was not sent again.", ex)
            {
                Provider = ex.Provider,
                StatusCode = ex.StatusCode,
                ProviderErrorType = ex.ProviderErrorType,
                RequestId = ex.RequestId ?? id,
                RetryAfter = ex.RetryAfter,
                Parameter = ex.Parameter,
                OutcomeUnknown = true,
            }
            : ex;
}
