namespace Flux2.Client;

/// <summary>
/// The status, stream, result and cancel URLs of one fal queue job: those fal returned when present, else computed by
/// dropping the app's sub-path (<c>fal-ai/flux-2/edit</c> lives under <c>fal-ai/flux-2/requests/{id}</c>).
/// </summary>
internal sealed class FalQueueUrls
{
    private static readonly string[] Namespaces = ["workflows", "comfy"];

    /// <summary>Builds the URLs of a submitted job.</summary>
    public FalQueueUrls(Uri queueBase, string appId, string requestId, FalSubmitResponse submit)
    {
        ArgumentNullException.ThrowIfNull(submit);
        QueueBase = queueBase;
        Uri requests = Flux2Urls.Combine(queueBase, $"{BaseApp(appId)}/requests/{Uri.EscapeDataString(requestId)}");
        Status = Flux2Urls.TryParseReturned(submit.StatusUrl, queueBase) ?? Flux2Urls.Combine(requests, "status");
        Result = Flux2Urls.TryParseReturned(submit.ResponseUrl, queueBase) ?? requests;
        Cancel = Flux2Urls.TryParseReturned(submit.CancelUrl, queueBase) ?? Flux2Urls.Combine(requests, "cancel");
        StatusWithLogs = WithLogs(Status);
        StatusStream = WithLogs(Flux2Urls.Combine(Status, "stream"));
    }

    /// <summary>The queue base URL.</summary>
    public Uri QueueBase { get; }

    /// <summary>The status URL.</summary>
    public Uri Status { get; }

    /// <summary>The status URL with <c>?logs=1</c>.</summary>
    public Uri StatusWithLogs { get; }

    /// <summary>The SSE status stream with logs.</summary>
    public Uri StatusStream { get; }

    /// <summary>The result URL.</summary>
    public Uri Result { get; }

    /// <summary>The cancel URL (PUT).</summary>
    public Uri Cancel { get; }

    /// <summary>The owner/alias part of an app id (namespaced apps keep three segments).</summary>
    public static string BaseApp(string appId)
    {
        ArgumentNullException.ThrowIfNull(appId);
        string[] parts = appId.Split('/', StringSplitOptions.RemoveEmptyEntries);
        int take = parts.Length > 0 && Namespaces.Contains(parts[0]) ? 3 : 2;
        return string.Join('/', parts.Take(take));
    }

    private static Uri WithLogs(Uri url) => new(url.AbsoluteUri + (string.IsNullOrEmpty(url.Query) ? "?" : "&") + "logs=1");
}
