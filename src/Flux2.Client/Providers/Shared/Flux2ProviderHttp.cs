using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Flux2.Client;

/// <summary>
/// The HTTP plumbing every adapter shares: builds requests (auth header, retry mode, per-attempt time-out, provider tag),
/// sends them through the provider's named client (whose resilience pipeline retries), reads JSON through source-generated
/// metadata, and turns failures into typed <see cref="Flux2Exception"/>s. Adapters keep only their wire mapping.
/// </summary>
internal sealed class Flux2ProviderHttp
{
    /// <summary>Longest error body kept for messages and refiners.</summary>
    public const int MaxErrorBodyChars = 4096;

    /// <summary>Default time allowed to a best-effort cancel call.</summary>
    public static readonly TimeSpan DefaultCancelTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Time allowed to the cancel of a job given up because its call was cancelled or ran out of time: the call ends within a second.</summary>
    public static readonly TimeSpan CancelOnGiveUpTimeout = TimeSpan.FromSeconds(1);

    /// <summary>The longest per-attempt time-out of a status poll, result fetch or cancel (a shorter AttemptTimeout wins).</summary>
    public static readonly TimeSpan MaxPollAttemptTimeout = TimeSpan.FromSeconds(15);

    private static readonly string[] SecretHeaders = ["Authorization", "x-key", "x-api-key", "api-key"];

    private readonly IHttpClientFactory _httpClientFactory;
    private readonly Action<HttpRequestHeaders, string> _authorize;
    private readonly ILogger _logger;

    /// <summary>Creates the plumbing of one provider.</summary>
    /// <param name="provider">The provider name (selects the named HttpClient <see cref="Flux2Http.ClientName"/>).</param>
    /// <param name="httpClientFactory">The factory holding the provider's named client and pipeline.</param>
    /// <param name="authorize">Writes the provider's auth header from the API key, e.g. <c>(h, key) =&gt; h.Authorization = new("Key", key)</c>.</param>
    /// <param name="timeProvider">Clock for Retry-After dates and poll delays.</param>
    /// <param name="logger">Logger; never given a key.</param>
    /// <param name="rules">The provider's rules for repeating a paid request and cancelling a job (from its <c>*Errors</c> class).</param>
    public Flux2ProviderHttp(string provider, IHttpClientFactory httpClientFactory, Action<HttpRequestHeaders, string> authorize, TimeProvider? timeProvider = null, ILogger? logger = null, Flux2ProviderRules? rules = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(provider);
        ArgumentNullException.ThrowIfNull(httpClientFactory);
        ArgumentNullException.ThrowIfNull(authorize);
        Provider = provider;
        _httpClientFactory = httpClientFactory;
        _authorize = authorize;
        TimeProvider = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        Rules = rules ?? Flux2ProviderRules.Conservative;
    }

    /// <summary>The provider name.</summary>
    public string Provider { get; }

    /// <summary>The clock.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>The provider's rules for repeating a paid request and cancelling a job.</summary>
    public Flux2ProviderRules Rules { get; }

    /// <summary>
    /// The per-attempt time-out of a status poll, result fetch or cancel of <paramref name="call"/>: its AttemptTimeout
    /// (<c>Flux2:Providers:{P}:AttemptTimeout</c>, else the model's), at most <see cref="MaxPollAttemptTimeout"/>. A poll that hangs
    /// is cut there and retried by the pipeline, so one bad answer never fails an accepted job while time remains.
    /// </summary>
    public static TimeSpan PollTimeout(Flux2ProviderRequest call)
    {
        ArgumentNullException.ThrowIfNull(call);
        TimeSpan attempt = call.Capabilities.AttemptTimeout;
        return attempt > TimeSpan.Zero && attempt < MaxPollAttemptTimeout ? attempt : MaxPollAttemptTimeout;
    }

    /// <summary>A new poll-delay helper on this clock (25 ms growing to 1 s unless told otherwise).</summary>
    public Flux2PollDelay CreatePollDelay(TimeSpan? initial = null, TimeSpan? maximum = null) => new(TimeProvider, initial, maximum);

    /// <summary>Builds a request with the auth header, the User-Agent and the pipeline options (retry mode, attempt time-out, progress) set.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="uri">The absolute URL.</param>
    /// <param name="call">The provider call it belongs to (its endpoint's API key, its progress sink).</param>
    /// <param name="retryMode"><see cref="Flux2RetryMode.NotIdempotent"/> for paid submits and sync generations, else idempotent.</param>
    /// <param name="attemptTimeout">How long one attempt may take (the model's <see cref="Flux2ModelCapabilities.AttemptTimeout"/> for submits; <see cref="PollTimeout"/> for polls).</param>
    public HttpRequestMessage CreateRequest(HttpMethod method, Uri uri, Flux2ProviderRequest call, Flux2RetryMode retryMode, TimeSpan attemptTimeout)
    {
        ArgumentNullException.ThrowIfNull(call);
        var request = new HttpRequestMessage(method, uri);
        _authorize(request.Headers, call.Endpoint.ApiKey);
        if (call.Progress is { } progress)
        {
            request.Options.Set(Flux2Http.Progress, progress);
        }

        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.TryAddWithoutValidation("User-Agent", Flux2Http.UserAgent);
        request.Options.Set(Flux2Http.RetryMode, retryMode);
        request.Options.Set(Flux2Http.AttemptTimeout, attemptTimeout);
        request.Options.Set(Flux2Http.Provider, Provider);
        request.Options.Set(Flux2Http.Attempts, new Flux2AttemptCounter());
        if (retryMode == Flux2RetryMode.NotIdempotent)
        {
            request.Options.Set(Flux2Http.Rules, Rules);
        }

        return request;
    }

    /// <summary>Builds a GET for a result file on the provider's CDN: no API key (the CDN is another host), the User-Agent set.</summary>
    public HttpRequestMessage CreateResultFileRequest(Uri uri, TimeSpan attemptTimeout)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.TryAddWithoutValidation("User-Agent", Flux2Http.UserAgent);
        request.Options.Set(Flux2Http.RetryMode, Flux2RetryMode.Idempotent);
        request.Options.Set(Flux2Http.AttemptTimeout, attemptTimeout);
        request.Options.Set(Flux2Http.Provider, Provider);
        request.Options.Set(Flux2Http.Attempts, new Flux2AttemptCounter());
        return request;
    }

    /// <summary>Builds a request whose body is <paramref name="body"/> serialized with source-generated metadata.</summary>
    public HttpRequestMessage CreateJsonRequest<T>(HttpMethod method, Uri uri, T body, JsonTypeInfo<T> typeInfo, Flux2ProviderRequest call, Flux2RetryMode retryMode, TimeSpan attemptTimeout)
    {
        HttpRequestMessage request = CreateRequest(method, uri, call, retryMode, attemptTimeout);
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(body, typeInfo);
        request.Content = new ByteArrayContent(json);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return request;
    }

    /// <summary>
    /// Sends through the provider's pipeline and returns the response whatever its status (check it with
    /// <see cref="EnsureSuccessAsync"/>). Transport failures become typed errors: time-outs <see cref="Flux2ErrorKind.Timeout"/>,
    /// connection failures <see cref="Flux2ErrorKind.Network"/>, an open circuit <see cref="Flux2ErrorKind.ProviderUnavailable"/>.
    /// A caller's cancellation stays an <see cref="OperationCanceledException"/>.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken, HttpCompletionOption completionOption = HttpCompletionOption.ResponseContentRead)
    {
        ArgumentNullException.ThrowIfNull(request);
        bool notIdempotent = request.Options.TryGetValue(Flux2Http.RetryMode, out var mode) ? mode == Flux2RetryMode.NotIdempotent : request.Method == HttpMethod.Post;
        string what = $"{request.Method} {request.RequestUri?.AbsolutePath}";
        HttpClient client = _httpClientFactory.CreateClient(Flux2Http.ClientName(Provider));
        if (notIdempotent)
        {
            ObserverOf(request)?.PaidRequestSent();
        }

        try
        {
            return await client.SendAsync(request, completionOption, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (TimeoutRejectedException ex)
        {
            throw new Flux2Exception(
                Flux2ErrorKind.Timeout,
                notIdempotent
                    ? $"{Provider} did not answer {what} within {ex.Timeout.TotalSeconds:0.#} s. The job may still run (and be billed), so it was not sent again; raise Flux2:Providers:{Provider}:AttemptTimeout or try again."
                    : $"{Provider} did not answer {what} within {ex.Timeout.TotalSeconds:0.#} s, {AttemptsOf(request)} made; try again later or raise Flux2:Providers:{Provider}:AttemptTimeout.",
                ex)
            { Provider = Provider, OutcomeUnknown = notIdempotent };
        }
        catch (BrokenCircuitException ex)
        {
            throw new Flux2Exception(
                Flux2ErrorKind.ProviderUnavailable,
                $"{Provider} failed repeatedly, so calls to it are paused (circuit open){(ex.RetryAfter is { } r ? $" for {r.TotalSeconds:0} s" : "")}; try again later or configure Flux2:Failover with another provider.",
                ex)
            { Provider = Provider, RetryAfter = ex.RetryAfter };
        }
        catch (HttpRequestException ex)
        {
            bool beforeSend = ex.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.ProxyTunnelError or HttpRequestError.SecureConnectionError;
            bool unknown = notIdempotent && !beforeSend;
            throw new Flux2Exception(
                Flux2ErrorKind.Network,
                beforeSend
                    ? $"Could not connect to {Provider} at {request.RequestUri?.GetLeftPart(UriPartial.Authority)} ({ex.HttpRequestError}), {AttemptsOf(request)} made; check the network or Flux2:Providers:{Provider}:BaseUrl."
                    : unknown
                        ? $"The connection to {Provider} dropped during {what}; the job may have started (and may be billed), so it was not sent again. Check the provider's dashboard before retrying."
                        : $"The connection to {Provider} failed during {what} ({ex.HttpRequestError}), {AttemptsOf(request)} made; try again later.",
                ex)
            { Provider = Provider, OutcomeUnknown = unknown };
        }
        catch (OperationCanceledException ex)
        {
            // Not the caller's token (which carries the call's deadline): HttpClient.Timeout or another handler's own limit.
            throw new Flux2Exception(Flux2ErrorKind.Timeout, $"{Provider} did not finish {what} in the time allowed; raise Flux2:Providers:{Provider}:TotalTimeout or try again.", ex)
            { Provider = Provider, OutcomeUnknown = notIdempotent };
        }
    }

    /// <summary>Reads a JSON body through source-generated metadata.</summary>
    /// <exception cref="Flux2Exception"><see cref="Flux2ErrorKind.MalformedResponse"/> when the body is not the expected JSON.</exception>
    public async Task<T> ReadJsonAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        T? value;
        try
        {
            Stream stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                value = await JsonSerializer.DeserializeAsync(stream, typeInfo, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (JsonException ex)
        {
            throw new Flux2Exception(Flux2ErrorKind.MalformedResponse, $"{Provider} answered {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath} with a body that is not the expected JSON ({ex.Message}); try again, and report it if it persists.", ex)
            { Provider = Provider, StatusCode = (int)response.StatusCode, RequestId = RequestIdOf(response) };
        }
        catch (HttpRequestException ex)
        {
            throw new Flux2Exception(Flux2ErrorKind.Network, $"The connection to {Provider} dropped while reading the response; try again.", ex) { Provider = Provider };
        }

        return value ?? throw new Flux2Exception(Flux2ErrorKind.MalformedResponse, $"{Provider} answered with an empty JSON body (null); try again, and report it if it persists.")
        { Provider = Provider, StatusCode = (int)response.StatusCode };
    }

    /// <summary>Throws the typed error of an unsuccessful response (disposing it); does nothing on success.</summary>
    public async Task EnsureSuccessAsync(HttpResponseMessage response, Flux2ErrorRefiner? refine, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        throw await CreateErrorAsync(response, refine, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads an unsuccessful response into a typed error (the adapter's refinement first, then the generic status mapping) and disposes it.</summary>
    public async Task<Flux2Exception> CreateErrorAsync(HttpResponseMessage response, Flux2ErrorRefiner? refine, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        using (response)
        {
            string body;
            try
            {
                body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException)
            {
                body = "";
            }

            if (body.Length > MaxErrorBodyChars)
            {
                body = body[..MaxErrorBodyChars];
            }

            body = Redact(body, response.RequestMessage);
            Flux2ErrorKind kind = KindForStatus(response.StatusCode);
            TimeSpan? retryAfter = Flux2RetryAfter.Parse(response, TimeProvider);
            HttpRequestMessage? sent = response.RequestMessage;
            bool paid = sent is not null && (sent.Options.TryGetValue(Flux2Http.RetryMode, out var sentMode) ? sentMode == Flux2RetryMode.NotIdempotent : sent.Method == HttpMethod.Post);
            int status = (int)response.StatusCode;
            string notRepeated = paid && status >= 500 && status is not 504 && !Flux2Resilience.RulesOf(sent).Repeats(status)
                ? $" (a paid request is sent again only after {Flux2Resilience.RulesOf(sent).Describe()}: {Flux2Resilience.RulesOf(sent).Source})"
                : "";
            var error = new Flux2HttpError
            {
                Provider = Provider,
                StatusCode = response.StatusCode,
                Body = body,
                Headers = response.Headers,
                RetryAfter = retryAfter,
                DefaultKind = kind,
                DefaultMessage = DefaultMessage(kind, response, body, retryAfter, $", after {AttemptsOf(sent)}{notRepeated}"),
                RequestId = RequestIdOf(response),
                OutcomeUnknown = status is 408 or 499 or 504 && paid,
                Attempts = AttemptsOf(sent),
                NotRepeated = notRepeated,
            };

            Flux2Exception exception = refine?.Invoke(error) ?? error.CreateDefault();
            _logger.LogDebug("{Provider} answered {Status} for {Method} {Path}: {Kind}", Provider, (int)response.StatusCode, response.RequestMessage?.Method, response.RequestMessage?.RequestUri?.AbsolutePath, exception.Kind);
            return exception;
        }
    }

    /// <summary>
    /// Best-effort cancel of a provider job after the caller cancelled: sent with <see cref="CancellationToken.None"/> and a
    /// short time-out, never throws. Returns true when the provider answered with a success status.
    /// </summary>
    public async Task<bool> CancelQuietlyAsync(Func<HttpRequestMessage> createRequest, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(createRequest);
        using var cts = new CancellationTokenSource(timeout ?? DefaultCancelTimeout, TimeProvider);
        IFlux2JobObserver? observer = null;
        try
        {
            using HttpRequestMessage request = createRequest();
            request.Options.Set(Flux2Http.RetryMode, Flux2RetryMode.Idempotent);
            if (!request.Options.TryGetValue(Flux2Http.AttemptTimeout, out _))
            {
                request.Options.Set(Flux2Http.AttemptTimeout, timeout ?? DefaultCancelTimeout);
            }

            observer = ObserverOf(request);
            HttpClient client = _httpClientFactory.CreateClient(Flux2Http.ClientName(Provider));
            using HttpResponseMessage response = await client.SendAsync(request, cts.Token).ConfigureAwait(false);
            _logger.LogInformation("Asked {Provider} to cancel the job: {Status}", Provider, (int)response.StatusCode);
            observer?.CancelRequested(response.IsSuccessStatusCode);
            return response.IsSuccessStatusCode;
        }
#pragma warning disable CA1031 // Best effort by design: the caller already cancelled and must not see a second error.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _logger.LogWarning("Could not cancel the {Provider} job: {Error}", Provider, ex.GetType().Name);
            observer?.CancelRequested(false);
            return false;
        }
    }

    /// <summary>The observer of the call a request belongs to, when its progress sink is one.</summary>
    internal static IFlux2JobObserver? ObserverOf(HttpRequestMessage? request) =>
        request is not null && request.Options.TryGetValue(Flux2Http.Progress, out var progress) ? progress as IFlux2JobObserver : null;

    /// <summary>"1 attempt" or "N attempts": what the pipeline made of <paramref name="request"/>.</summary>
    internal static string AttemptsOf(HttpRequestMessage? request) =>
        request is not null && request.Options.TryGetValue(Flux2Http.Attempts, out var counter) ? counter.Describe() : "1 attempt";

    /// <summary>The generic status to kind mapping shared by every provider.</summary>
    public static Flux2ErrorKind KindForStatus(HttpStatusCode status) => (int)status switch
    {
        401 => Flux2ErrorKind.Authentication,
        402 => Flux2ErrorKind.InsufficientCredits,
        403 => Flux2ErrorKind.PermissionDenied,
        404 or 410 => Flux2ErrorKind.ResultExpired,
        408 or 504 => Flux2ErrorKind.Timeout,
        422 or 400 => Flux2ErrorKind.ProviderValidation,
        429 => Flux2ErrorKind.RateLimited,
        >= 500 => Flux2ErrorKind.ProviderUnavailable,
        _ => Flux2ErrorKind.ProviderValidation,
    };

    /// <summary>The provider's request id from common response headers, when any.</summary>
    public static string? RequestIdOf(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        foreach (string name in (string[])["x-fal-request-id", "x-request-id", "request-id", "x-replicate-request-id"])
        {
            if (response.Headers.TryGetValues(name, out var values))
            {
                return values.FirstOrDefault();
            }
        }

        return null;
    }

    /// <summary>Removes the request's credential values from text that may be shown to a user.</summary>
    public static string Redact(string text, HttpRequestMessage? request)
    {
        if (request is null || string.IsNullOrEmpty(text))
        {
            return text;
        }

        foreach (string header in SecretHeaders)
        {
            if (!request.Headers.TryGetValues(header, out var values))
            {
                continue;
            }

            foreach (string value in values)
            {
                string secret = value.Contains(' ', StringComparison.Ordinal) ? value[(value.IndexOf(' ', StringComparison.Ordinal) + 1)..] : value;
                if (secret.Length >= 4)
                {
                    text = text.Replace(secret, "***", StringComparison.Ordinal);
                }
            }
        }

        return text;
    }

    private string DefaultMessage(Flux2ErrorKind kind, HttpResponseMessage response, string body, TimeSpan? retryAfter, string tries)
    {
        int status = (int)response.StatusCode;
        string detail = Snippet(body);
        string said = detail.Length > 0 ? $": {detail}" : "";
        string keyVar = Flux2Providers.Find(Provider)?.ApiKeyVariable ?? "the provider's key variable";
        return kind switch
        {
            Flux2ErrorKind.Authentication => $"{Provider} rejected the API key ({status}){said}. Check {keyVar} or Flux2:Providers:{Provider}:ApiKey.",
            Flux2ErrorKind.InsufficientCredits => $"The {Provider} account is out of credits or balance ({status}){said}. Top up the account or choose another provider.",
            Flux2ErrorKind.PermissionDenied => $"{Provider} refused the request ({status}){said}. The key may not be allowed to use this model or endpoint.",
            Flux2ErrorKind.ResultExpired => $"{Provider} no longer has this job or result ({status}){said}. Generate the image again.",
            Flux2ErrorKind.Timeout => $"{Provider} timed out ({status}){said}{tries}. Try again, or a faster model or smaller size.",
            Flux2ErrorKind.RateLimited => $"{Provider} is rate limiting requests ({status}){said}. Wait {(retryAfter is { } r ? $"{r.TotalSeconds:0.#} s" : "a little")} or lower Flux2:Providers:{Provider}:MaxConcurrency.",
            Flux2ErrorKind.ProviderUnavailable => $"{Provider} failed ({status}){said}{tries}. Try again later or configure Flux2:Failover with another provider.",
            _ => $"{Provider} rejected the request ({status}){said}. Change the named parameter and try again.",
        };
    }

    /// <summary>A short single-line excerpt of a body for messages.</summary>
    public static string Snippet(string body, int max = 300)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return "";
        }

        var sb = new StringBuilder(Math.Min(body.Length, max));
        foreach (char c in body)
        {
            if (sb.Length >= max)
            {
                sb.Append('…');
                break;
            }

            sb.Append(char.IsControl(c) ? ' ' : c);
        }

        return sb.ToString().Trim();
    }
}
