using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Flux2.Client;

/// <summary>
/// The fal.ai adapter: <c>Authorization: Key</c>; queue mode by default (submit, SSE status stream with logs falling back to
/// adaptive polling, result, PUT cancel on cancellation) or sync mode (<c>fal.run</c>) with <c>Flux2:Providers:fal:Mode = sync</c>.
/// </summary>
internal sealed partial class FalProvider : IFlux2Provider
{
    /// <summary>The mode value selecting sync calls.</summary>
    public const string SyncMode = "sync";

    /// <summary>The mode value selecting queue calls (the default).</summary>
    public const string QueueMode = "queue";

    private readonly Flux2ProviderHttp _http;
    private readonly IOptionsMonitor<Flux2ClientOptions> _options;
    private readonly ILogger _logger;

    /// <summary>Creates the adapter (DI).</summary>
    public FalProvider(IHttpClientFactory httpClientFactory, IOptionsMonitor<Flux2ClientOptions> options, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null)
        : this(Flux2Providers.Fal, httpClientFactory, options, timeProvider, loggerFactory)
    {
    }

    /// <summary>Creates the adapter under another provider name (a second fal-compatible endpoint).</summary>
    internal FalProvider(string name, IHttpClientFactory httpClientFactory, IOptionsMonitor<Flux2ClientOptions> options, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Name = name;
        _options = options;
        _logger = loggerFactory?.CreateLogger<FalProvider>() ?? (ILogger)NullLogger.Instance;
        _http = new Flux2ProviderHttp(name, httpClientFactory, static (headers, key) => headers.Authorization = new AuthenticationHeaderValue("Key", key), timeProvider, _logger, FalErrors.Rules);
        Models = FalModelCatalog.Rows(name);
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public IReadOnlyList<Flux2ModelCapabilities> Models { get; }

    /// <inheritdoc/>
    public async Task<Flux2ProviderResponse> GenerateAsync(Flux2ProviderRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        string appId = AppId(request);
        JsonObject body = BuildBody(request);
        string mode = _options.CurrentValue.GetProviderOrDefault(Name).Mode?.Trim().ToLowerInvariant() ?? QueueMode;
        return mode == SyncMode
            ? await RunSyncAsync(request, appId, body, cancellationToken).ConfigureAwait(false)
            : await RunQueuedAsync(request, appId, body, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The app a request goes to: the LoRA app when LoRAs are given, the "/edit" app when references are.</summary>
    internal static string AppId(Flux2ProviderRequest request)
    {
        Flux2ModelCapabilities row = request.Capabilities;
        bool edit = request.ReferenceImages.Count > 0;
        if (request.Loras.Count > 0 && row.Loras is { } loras)
        {
            return edit && loras.EditModelId is { } loraEdit ? loraEdit : loras.ModelId;
        }

        return edit && row.EditModelId is { } editId ? editId : row.ProviderModelId;
    }

    /// <summary>Encodes the request in fal's dialect (the FLUX 3 family's apps take their own fields); additional properties are merged last.</summary>
    internal static JsonObject BuildBody(Flux2ProviderRequest request)
    {
        Flux2ModelCapabilities row = request.Capabilities;
        if (row.SizeEncoding == Flux2SizeEncoding.AspectRatioAndTier)
        {
            var flux3 = new JsonObject { ["prompt"] = Flux2Flux3Fields.Prompt(request) };
            if (request.ReferenceImages.Count > 0)
            {
                flux3["image_urls"] = new JsonArray([.. request.ReferenceImages.Select(url => (JsonNode?)JsonValue.Create(url))]);
            }

            Flux2Flux3Fields.Add(request, flux3, []);
            if (request.OutputFormat is { } format && row.OutputFormats.Count > 0)
            {
                flux3["output_format"] = format;
            }

            Flux2JsonValues.Merge(flux3, request.AdditionalProperties);
            return flux3;
        }

        var input = new FalInput
        {
            Prompt = request.Prompt,
            ImageSize = new FalImageSize(request.Width, request.Height),
            NumImages = row.MaxImagesPerRequest > 1 ? request.NumImages : null,
            Seed = request.Seed,
            GuidanceScale = row.Guidance is null ? null : request.GuidanceScale,
            NumInferenceSteps = row.Steps is null ? null : request.Steps,
            OutputFormat = request.OutputFormat,
            SafetyTolerance = row.SafetyTolerance is null ? null : request.SafetyTolerance?.ToString(CultureInfo.InvariantCulture),
            ImageUrls = request.ReferenceImages.Count > 0 ? request.ReferenceImages : null,
        };
        JsonObject body = JsonSerializer.SerializeToNode(input, FalJsonContext.Default.FalInput)!.AsObject();
        Flux2RequestTuning.AddLoras(request, body);
        Flux2JsonValues.Merge(body, request.AdditionalProperties);
        return body;
    }

    private async Task<Flux2ProviderResponse> RunSyncAsync(Flux2ProviderRequest request, string appId, JsonObject body, CancellationToken cancellationToken)
    {
        long started = _http.TimeProvider.GetTimestamp();
        using HttpRequestMessage message = _http.CreateJsonRequest(HttpMethod.Post, Flux2Urls.Combine(request.Endpoint.BaseUrl, appId), body, FalJsonContext.Default.JsonObject, request, Flux2RetryMode.NotIdempotent, request.Capabilities.AttemptTimeout);
        using HttpResponseMessage response = await _http.SendAsync(message, cancellationToken).ConfigureAwait(false);
        await _http.EnsureSuccessAsync(response, FalErrors.Refine, cancellationToken).ConfigureAwait(false);
        FalOutput output = await _http.ReadJsonAsync(response, FalJsonContext.Default.FalOutput, cancellationToken).ConfigureAwait(false);
        return ToResponse(output, request, Flux2ProviderHttp.RequestIdOf(response), queueTime: null, inferenceTime: InferenceOf(output, null) ?? _http.TimeProvider.GetElapsedTime(started));
    }

    /// <summary>How long a submit in flight may still answer after the caller gave up (within the second a give-up is allowed).</summary>
    internal static readonly TimeSpan SubmitAnswerGrace = TimeSpan.FromMilliseconds(500);

    private async Task<Flux2ProviderResponse> RunQueuedAsync(Flux2ProviderRequest request, string appId, JsonObject body, CancellationToken cancellationToken)
    {
        Uri queueBase = request.Endpoint.QueueBaseUrl ?? request.Endpoint.BaseUrl;
        long submitted = _http.TimeProvider.GetTimestamp();
        FalSubmitResponse submit;

        // A submit already on the wire when the caller gives up may have started a paid job: it gets a moment more to answer, so the
        // job's id is known and the job is cancelled below (FollowAsync sees the cancelled token at once), instead of left running.
        using (var submitting = new CancellationTokenSource(Timeout.InfiniteTimeSpan, _http.TimeProvider))
        using (cancellationToken.UnsafeRegister(static state => ((CancellationTokenSource)state!).CancelAfter(SubmitAnswerGrace), submitting))
        using (HttpRequestMessage message = _http.CreateJsonRequest(HttpMethod.Post, Flux2Urls.Combine(queueBase, appId), body, FalJsonContext.Default.JsonObject, request, Flux2RetryMode.NotIdempotent, request.Capabilities.AttemptTimeout))
        using (HttpResponseMessage response = await _http.SendAsync(message, submitting.Token).ConfigureAwait(false))
        {
            await _http.EnsureSuccessAsync(response, FalErrors.Refine, submitting.Token).ConfigureAwait(false);
            submit = await _http.ReadJsonAsync(response, FalJsonContext.Default.FalSubmitResponse, submitting.Token).ConfigureAwait(false);
        }

        string requestId = submit.RequestId is { Length: > 0 } id
            ? id
            : throw new Flux2Exception(Flux2ErrorKind.MalformedResponse, "fal accepted the job but returned no request_id; try again.") { Provider = Name };
        var urls = new FalQueueUrls(queueBase, appId, requestId, submit);
        LogSubmitted(_logger, Name, appId, requestId);
        request.Progress?.Report(new Flux2Progress { Status = Flux2ProgressStatus.Queued, QueuePosition = submit.QueuePosition, Provider = Name, RequestId = requestId });

        try
        {
            var tracker = new FalJobTracker(Name, requestId, request.Progress, _http.TimeProvider, submitted);
            // Given up before COMPLETED (Ctrl+C, the call's TotalTimeout, status polls that keep failing): cancel the queued job.
            FalStatus final = await _http.FollowAsync(
                request,
                () =>
                {
                    LogCancelling(_logger, Name, requestId);
                    return _http.CreateRequest(HttpMethod.Put, urls.Cancel, request, Flux2RetryMode.Idempotent, Flux2ProviderHttp.DefaultCancelTimeout);
                },
                token => WaitForCompletionAsync(request, urls, tracker, token),
                cancellationToken).ConfigureAwait(false);
            FalOutput output = await FetchResultAsync(request, urls, final, cancellationToken).ConfigureAwait(false);
            return ToResponse(output, request, requestId, tracker.QueueTime, InferenceOf(output, final.Metrics));
        }
        catch (Flux2Exception ex) when (ex.RequestId is null)
        {
            throw Rewrap(ex, requestId);
        }
    }

    private async Task<FalStatus> WaitForCompletionAsync(Flux2ProviderRequest request, FalQueueUrls urls, FalJobTracker tracker, CancellationToken cancellationToken)
    {
        try
        {
            FalStatus? streamed = await StreamStatusAsync(request, urls, tracker, cancellationToken).ConfigureAwait(false);
            if (streamed is not null)
            {
                return streamed;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is Flux2Exception or HttpRequestException or IOException or JsonException or OperationCanceledException)
        {
            LogStreamFailed(_logger, Name, ex.GetType().Name);
        }

        return await PollStatusAsync(request, urls, tracker, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Follows the SSE status stream; returns the COMPLETED status, or null when the stream ended early. A stream silent for longer
    /// than the poll attempt time-out is dropped (the caller falls back to polling), so a hung stream never holds a finished job.
    /// </summary>
    private async Task<FalStatus?> StreamStatusAsync(Flux2ProviderRequest request, FalQueueUrls urls, FalJobTracker tracker, CancellationToken cancellationToken)
    {
        TimeSpan silence = Flux2ProviderHttp.PollTimeout(request);
        using HttpRequestMessage message = _http.CreateRequest(HttpMethod.Get, urls.StatusStream, request, Flux2RetryMode.Idempotent, silence);
        message.Headers.Accept.Clear();
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using HttpResponseMessage response = await _http.SendAsync(message, cancellationToken, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            Flux2Exception error = await _http.CreateErrorAsync(response, FalErrors.Refine, cancellationToken).ConfigureAwait(false);
            if (error.Kind is Flux2ErrorKind.Authentication or Flux2ErrorKind.ResultExpired)
            {
                throw error;
            }

            return null;
        }

        using var quiet = new CancellationTokenSource(silence, _http.TimeProvider);
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, quiet.Token);
        Stream stream = await response.Content.ReadAsStreamAsync(idle.Token).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var reader = new StreamReader(stream);
            var data = new System.Text.StringBuilder();
            while (await reader.ReadLineAsync(idle.Token).ConfigureAwait(false) is { } line)
            {
                quiet.CancelAfter(silence);
                if (line.StartsWith("data:", StringComparison.Ordinal))
                {
                    data.Append(line.AsSpan(5).TrimStart(' '));
                    continue;
                }

                if (line.Length > 0 || data.Length == 0)
                {
                    continue; // event:, id:, comments, or a blank line without data.
                }

                FalStatus? status = JsonSerializer.Deserialize(data.ToString(), FalJsonContext.Default.FalStatus);
                data.Clear();
                if (status is not null && tracker.Observe(status))
                {
                    return status;
                }
            }
        }

        return null;
    }

    private async Task<FalStatus> PollStatusAsync(Flux2ProviderRequest request, FalQueueUrls urls, FalJobTracker tracker, CancellationToken cancellationToken)
    {
        Flux2PollDelay delay = _http.CreatePollDelay();
        while (true)
        {
            FalStatus status = await _http.GetJsonAsync(request, urls.StatusWithLogs, FalJsonContext.Default.FalStatus, FalErrors.Refine, cancellationToken).ConfigureAwait(false);

            if (tracker.Observe(status))
            {
                return status;
            }

            if (tracker.MovedSinceLastCheck())
            {
                delay.Reset();
            }

            await delay.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<FalOutput> FetchResultAsync(Flux2ProviderRequest request, FalQueueUrls urls, FalStatus final, CancellationToken cancellationToken)
    {
        Uri resultUrl = Flux2Urls.TryParseReturned(final.ResponseUrl, urls.QueueBase) ?? urls.Result;
        using HttpRequestMessage message = _http.CreateRequest(HttpMethod.Get, resultUrl, request, Flux2RetryMode.Idempotent, Flux2ProviderHttp.PollTimeout(request));
        using HttpResponseMessage response = await _http.SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            Flux2Exception error = await _http.CreateErrorAsync(response, FalErrors.Refine, cancellationToken).ConfigureAwait(false);
            // The job ran: a server error on its result is the job's own failure, not an outage worth failing over.
            bool ran = ErrorText(final) is not null || error.ProviderErrorType == "internal_error";
            if (ran && error is not Flux2ContentFilteredException && error.Kind is not (Flux2ErrorKind.ProviderValidation or Flux2ErrorKind.ResultExpired or Flux2ErrorKind.Authentication))
            {
                string failure = ErrorText(final) ?? error.Message;
                throw new Flux2Exception(Flux2ErrorKind.JobFailed, $"The fal job failed: {failure}{((final.ErrorType ?? error.ProviderErrorType) is { } t ? $" ({t})" : "")}. Try again, or change the input if it persists.", error)
                { Provider = Name, ProviderErrorType = final.ErrorType ?? error.ProviderErrorType, StatusCode = error.StatusCode };
            }

            throw error;
        }

        return await _http.ReadJsonAsync(response, FalJsonContext.Default.FalOutput, cancellationToken).ConfigureAwait(false);
    }

    private Flux2ProviderResponse ToResponse(FalOutput output, Flux2ProviderRequest request, string? requestId, TimeSpan? queueTime, TimeSpan? inferenceTime)
    {
        var images = new List<Flux2Image>();
        int filtered = 0;
        IReadOnlyList<FalImage> returned = output.Images ?? [];
        for (int i = 0; i < returned.Count; i++)
        {
            FalImage image = returned[i];
            if (output.HasNsfwConcepts is { } flags && i < flags.Count && flags[i])
            {
                filtered++;
                continue;
            }

            if (string.IsNullOrEmpty(image.Url))
            {
                filtered++;
                continue;
            }

            images.Add(Flux2ImageData.FromUrlOrDataUri(image.Url, Name, image.ContentType, image.Width, image.Height));
        }

        filtered += Math.Max(0, request.NumImages - returned.Count);
        return new Flux2ProviderResponse
        {
            Images = images,
            Seed = output.Seed,
            RevisedPrompt = request.Capabilities.RevisesPrompt ? output.Prompt : null,
            RequestId = requestId,
            QueueTime = queueTime,
            InferenceTime = inferenceTime,
            FilteredCount = filtered,
            RawRepresentation = output,
        };
    }

    private static TimeSpan? InferenceOf(FalOutput output, JsonElement? metrics)
    {
        if (metrics is { ValueKind: JsonValueKind.Object } m && m.TryGetProperty("inference_time", out var t) && t.TryGetDouble(out double seconds))
        {
            return TimeSpan.FromSeconds(seconds);
        }

        if (output.Timings is { ValueKind: JsonValueKind.Object } timings && timings.TryGetProperty("inference", out var inf) && inf.TryGetDouble(out double s))
        {
            return TimeSpan.FromSeconds(s);
        }

        return null;
    }

    private static string? ErrorText(FalStatus status) => status.Error switch
    {
        null => null,
        { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
        { ValueKind: JsonValueKind.String } e => e.GetString(),
        { } e => Flux2ProviderHttp.Snippet(e.GetRawText()),
    };

    private Flux2Exception Rewrap(Flux2Exception ex, string requestId)
    {
        if (ex is Flux2ContentFilteredException filtered)
        {
            return new Flux2ContentFilteredException(filtered.Message, filtered.Reasons, filtered)
            {
                Provider = filtered.Provider ?? Name,
                StatusCode = filtered.StatusCode,
                ProviderErrorType = filtered.ProviderErrorType,
                RequestId = requestId,
                InputRefused = filtered.InputRefused,
            };
        }

        return new Flux2Exception(ex.Kind, ex.Message, ex)
        {
            Provider = ex.Provider ?? Name,
            StatusCode = ex.StatusCode,
            ProviderErrorType = ex.ProviderErrorType,
            RequestId = requestId,
            RetryAfter = ex.RetryAfter,
            Parameter = ex.Parameter,
            OutcomeUnknown = ex.OutcomeUnknown,
        };
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Provider} queued {App} as {RequestId}")]
    private static partial void LogSubmitted(ILogger logger, string provider, string app, string requestId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cancelling {Provider} job {RequestId}")]
    private static partial void LogCancelling(ILogger logger, string provider, string requestId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Provider} status stream failed ({Error}); polling instead")]
    private static partial void LogStreamFailed(ILogger logger, string provider, string error);
}
