namespace Flux2.Client;

/// <summary>
/// Forwards an adapter's progress and remembers what a failure would leave behind at the provider: whether it accepted the job (a
/// report carried its request id), whether a paid request left this process, and whether a cancel was confirmed or is impossible.
/// A failure after the provider accepted the job leaves a paid job behind whose outcome is unknown, so it must not fail over.
/// </summary>
internal sealed class Flux2AcceptedJobProgress(IProgress<Flux2Progress>? inner) : IProgress<Flux2Progress>, IFlux2JobObserver
{
    private volatile string? _requestId;
    private volatile bool _paidRequestSent;
    private volatile string? _cannotCancel;
    private int _cancel; // 0 not asked, 1 confirmed, 2 not confirmed

    /// <summary>The provider's request id once it accepted the job; null before.</summary>
    public string? AcceptedRequestId => _requestId;

    /// <summary>True once a paid request (a submit or a sync generation) was sent.</summary>
    public bool PaidRequestWasSent => _paidRequestSent;

    /// <summary>Whether the provider confirmed a cancel of the job; null when none was asked.</summary>
    public bool? CancelConfirmed => Volatile.Read(ref _cancel) switch
    {
        1 => true,
        2 => false,
        _ => null,
    };

    /// <inheritdoc/>
    public void Report(Flux2Progress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.RequestId is { Length: > 0 } id)
        {
            _requestId ??= id;
        }

        inner?.Report(value);
    }

    /// <inheritdoc/>
    public void PaidRequestSent() => _paidRequestSent = true;

    /// <inheritdoc/>
    public void CancelRequested(bool confirmed) => Interlocked.CompareExchange(ref _cancel, confirmed ? 1 : 2, 0);

    /// <inheritdoc/>
    public void CannotCancel(string reason) => _cannotCancel ??= reason;

    /// <summary>
    /// What a failure leaves at <paramref name="provider"/>, as a sentence: the job cancelled, or left running (and why), or a cut
    /// request that may still be billed, or nothing sent at all.
    /// </summary>
    public string DescribeLeftBehind(string provider)
    {
        if (_requestId is { } id)
        {
            return CancelConfirmed switch
            {
                true => $"Its job {id} was cancelled at {provider}.",
                false => $"{provider} did not confirm the cancel of job {id}, so it may still run and be billed; it was not sent again.",
                null when _cannotCancel is { } reason => $"{reason}, so job {id} may still finish and be billed; it was not sent again.",
                null => $"The job {id} was already accepted, so it may still run and be billed; it was not sent again.",
            };
        }

        return _paidRequestSent
            ? $"The request was cut while {provider} may have been working on it, so it may still be billed; it was not sent again."
            : $"Nothing was sent to {provider}.";
    }

    /// <summary>Marks an outage that struck after the provider accepted the job as an unknown outcome.</summary>
    public Flux2Exception MarkIfAccepted(Flux2Exception ex) =>
        _requestId is { } id && !ex.OutcomeUnknown && ex is not Flux2ContentFilteredException
            && ex.Kind is Flux2ErrorKind.ProviderUnavailable or Flux2ErrorKind.Timeout or Flux2ErrorKind.Network
            ? new Flux2Exception(ex.Kind, $"{ex.Message} {DescribeLeftBehind(ex.Provider ?? "the provider")}", ex)
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
