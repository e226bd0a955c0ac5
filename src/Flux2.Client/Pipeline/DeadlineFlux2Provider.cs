using Microsoft.Extensions.Options;

namespace Flux2.Client;

/// <summary>
/// The per-provider-call time limit, around each provider adapter and its limits layer: the whole call (waiting for a slot or a
/// rate-limit pause, the submit and its retries, queueing, every poll, the result fetch) gets <c>Flux2:Providers:{P}:TotalTimeout</c>.
/// When it passes, the adapter sees its token cancelled and cancels the provider's job where the provider can (fal, Replicate);
/// the call then fails with <see cref="Flux2ErrorKind.Timeout"/>, naming the setting and saying what was left at the provider
/// (the job cancelled, a job that cannot be cancelled, a cut request that may be billed, or nothing sent).
/// </summary>
internal sealed class DeadlineFlux2Provider : DelegatingFlux2Provider
{
    private readonly IOptions<Flux2ClientOptions> _options;
    private readonly TimeProvider _timeProvider;

    /// <summary>Wraps <paramref name="inner"/>.</summary>
    public DeadlineFlux2Provider(IFlux2Provider inner, IOptions<Flux2ClientOptions> options, TimeProvider? timeProvider = null)
        : base(inner)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc/>
    public override async Task<Flux2ProviderResponse> GenerateAsync(Flux2ProviderRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using Flux2Deadline deadline = Flux2Deadline.Start(Name, _options.Value.GetProviderOrDefault(Name).TotalTimeout, _timeProvider, cancellationToken);
        try
        {
            return await Inner.GenerateAsync(request with { Deadline = deadline.EndsAt }, deadline.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (deadline.HasExpired && ex is OperationCanceledException or Flux2Exception { Kind: Flux2ErrorKind.Timeout or Flux2ErrorKind.Network })
        {
            // The adapter already asked the provider to cancel the job where it can; the observer knows how that went.
            var job = request.Progress as Flux2AcceptedJobProgress;
            Flux2Exception timeout = deadline.CreateTimeout(
                $"The {Name} call",
                job?.DescribeLeftBehind(Name) ?? $"The request may have reached {Name}; it was not sent again.",
                ex);
            throw new Flux2Exception(timeout.Kind, timeout.Message, ex)
            {
                Provider = Name,
                RequestId = job?.AcceptedRequestId,
                OutcomeUnknown = job is null || job.PaidRequestWasSent || job.AcceptedRequestId is not null,
            };
        }
    }
}
