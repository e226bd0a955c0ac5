using System.Text.Json.Serialization.Metadata;

namespace Flux2.Client;

/// <summary>
/// Following a job the provider accepted, shared by every adapter that polls: each status poll is one GET through the provider's
/// pipeline, cut at <see cref="Flux2ProviderHttp.PollTimeout"/> and retried by the retry policy, so one hung or failed poll never
/// fails the job while time remains; and a job given up before it ended (the caller cancelled, the call's TotalTimeout passed, or
/// a poll still failed after its retries) is cancelled at the provider where it can be, or reported as impossible to cancel.
/// </summary>
internal static class Flux2AcceptedJob
{
    /// <summary>
    /// Polls <paramref name="statusUri"/> until <paramref name="finished"/> says the job ended (it also reports progress), waiting
    /// <paramref name="delay"/> before each poll. Returns the last status read.
    /// </summary>
    public static async Task<T> PollAsync<T>(
        this Flux2ProviderHttp http,
        Flux2ProviderRequest call,
        Uri statusUri,
        JsonTypeInfo<T> typeInfo,
        Flux2ErrorRefiner? refine,
        Func<T, bool> finished,
        Flux2PollDelay delay,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(finished);
        ArgumentNullException.ThrowIfNull(delay);
        while (true)
        {
            await delay.WaitAsync(cancellationToken).ConfigureAwait(false);
            T status = await http.GetJsonAsync(call, statusUri, typeInfo, refine, cancellationToken).ConfigureAwait(false);
            if (finished(status))
            {
                return status;
            }
        }
    }

    /// <summary>One GET of a status or result through the pipeline, with the poll attempt time-out; the typed error of a failure.</summary>
    public static async Task<T> GetJsonAsync<T>(this Flux2ProviderHttp http, Flux2ProviderRequest call, Uri uri, JsonTypeInfo<T> typeInfo, Flux2ErrorRefiner? refine, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        using HttpRequestMessage request = http.CreateRequest(HttpMethod.Get, uri, call, Flux2RetryMode.Idempotent, Flux2ProviderHttp.PollTimeout(call));
        using HttpResponseMessage response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        await http.EnsureSuccessAsync(response, refine, cancellationToken).ConfigureAwait(false);
        return await http.ReadJsonAsync(response, typeInfo, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs <paramref name="follow"/> (polling, streaming, fetching the result) for an accepted job. When it gives up before the
    /// job ended, the job is cancelled with <paramref name="createCancel"/> (best effort, once), or, when the provider cannot cancel
    /// (<paramref name="createCancel"/> is null), the call's observer learns why; then the failure goes on as it was.
    /// </summary>
    public static async Task<T> FollowAsync<T>(
        this Flux2ProviderHttp http,
        Flux2ProviderRequest call,
        Func<HttpRequestMessage>? createCancel,
        Func<CancellationToken, Task<T>> follow,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(follow);
        try
        {
            return await follow(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The caller or the call's deadline: the cancel gets a second, so the call ends within a second.
            await AbandonAsync(http, call, createCancel, Flux2ProviderHttp.CancelOnGiveUpTimeout).ConfigureAwait(false);
            throw;
        }
        catch (Flux2Exception ex) when (GaveUp(ex))
        {
            await AbandonAsync(http, call, createCancel, Flux2ProviderHttp.DefaultCancelTimeout).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Whether a failure while following a job means the job's state is unknown (polling gave up) rather than that the job ended:
    /// time-outs, network failures, outages, rate limits and unreadable answers.
    /// </summary>
    internal static bool GaveUp(Flux2Exception error) =>
        error is not Flux2ContentFilteredException
        && error.Kind is Flux2ErrorKind.Timeout or Flux2ErrorKind.Network or Flux2ErrorKind.ProviderUnavailable
            or Flux2ErrorKind.RateLimited or Flux2ErrorKind.MalformedResponse;

    private static async Task AbandonAsync(Flux2ProviderHttp http, Flux2ProviderRequest call, Func<HttpRequestMessage>? createCancel, TimeSpan timeout)
    {
        if (createCancel is not null)
        {
            await http.CancelQuietlyAsync(createCancel, timeout).ConfigureAwait(false);
        }
        else if (call.Progress is IFlux2JobObserver observer)
        {
            observer.CannotCancel(http.Rules.NoCancel ?? $"{http.Provider} offers no way to cancel a job");
        }
    }
}
