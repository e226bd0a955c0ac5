namespace Flux2.Client;

/// <summary>
/// Learns, from the HTTP plumbing of one provider call, what a time-out or an abandoned job leaves behind: whether a paid request
/// left this process, and whether the provider confirmed a cancel (or cannot cancel at all). The caller's per-call progress sink
/// implements it; it reaches the plumbing on <see cref="Flux2ProviderRequest.Progress"/> and each request's options.
/// </summary>
internal interface IFlux2JobObserver
{
    /// <summary>A paid request (a submit or a sync generation) is being sent.</summary>
    void PaidRequestSent();

    /// <summary>The provider was asked to cancel the job; <paramref name="confirmed"/> is whether it answered with success.</summary>
    void CancelRequested(bool confirmed);

    /// <summary>The job was given up but the provider has no way to cancel it, for <paramref name="reason"/>.</summary>
    void CannotCancel(string reason);
}
