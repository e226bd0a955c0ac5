using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace Flux2.Client;

/// <summary>
/// Black Forest Labs' own API: submit <c>POST {base}/v1/{model}</c> with <c>x-key</c>, then poll the returned
/// <c>polling_url</c> exactly as given (it may be on another regional host) until Ready, Error or moderated.
/// One image per request; BFL has no cancel endpoint, so giving up (cancelling, the call's TotalTimeout) just stops polling.
/// </summary>
internal sealed class BflProvider : IFlux2Provider
{
    /// <summary>How long BFL's signed sample URLs live when the URL does not say.</summary>
    public static readonly TimeSpan SampleUrlLifetime = TimeSpan.FromMinutes(10);

    private const decimal UsdPerCredit = 0.01m;

    private readonly Flux2ProviderHttp _http;
    private readonly ILogger _logger;

    /// <summary>Creates the adapter.</summary>
    public BflProvider(IHttpClientFactory httpClientFactory, TimeProvider? timeProvider = null, ILogger<BflProvider>? logger = null)
    {
        _logger = (ILogger?)logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        _http = new Flux2ProviderHttp(Flux2Providers.Bfl, httpClientFactory, static (headers, key) => headers.Add("x-key", key), timeProvider, _logger, BflErrors.Rules);
    }

    /// <inheritdoc/>
    public string Name => Flux2Providers.Bfl;

    /// <inheritdoc/>
    public IReadOnlyList<Flux2ModelCapabilities> Models => BflModels.All;

    /// <inheritdoc/>
    public async Task<Flux2ProviderResponse> GenerateAsync(Flux2ProviderRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var warnings = new List<string>();
        JsonObject body = BuildBody(request, warnings);
        Flux2ProviderEndpoint endpoint = request.Endpoint;
        string path = request.Loras.Count > 0 && request.Capabilities.Loras is { } finetuned ? finetuned.ModelId : request.Capabilities.ProviderModelId;
        Uri submitUri = Flux2Urls.Combine(endpoint.BaseUrl, "v1/" + path);
        long started = _http.TimeProvider.GetTimestamp();

        BflSubmitResponse submit;
        using (HttpRequestMessage submitRequest = _http.CreateJsonRequest(HttpMethod.Post, submitUri, body, Flux2JsonBody.TypeInfo, request, Flux2RetryMode.NotIdempotent, request.Capabilities.AttemptTimeout))
        using (HttpResponseMessage submitResponse = await _http.SendAsync(submitRequest, cancellationToken).ConfigureAwait(false))
        {
            await _http.EnsureSuccessAsync(submitResponse, BflErrors.Refine, cancellationToken).ConfigureAwait(false);
            submit = await _http.ReadJsonAsync(submitResponse, BflJsonContext.Default.BflSubmitResponse, cancellationToken).ConfigureAwait(false);
        }

        // Always the polling_url as returned: it can live on another regional host. get_result is only the fallback.
        Uri pollUri = Flux2Urls.TryParseReturned(submit.PollingUrl, endpoint.BaseUrl)
            ?? (string.IsNullOrEmpty(submit.Id)
                ? throw new Flux2Exception(Flux2ErrorKind.MalformedResponse, "BFL accepted the request but returned neither a polling_url nor an id; try again, and report it if it persists.") { Provider = Name }
                : Flux2Urls.Combine(endpoint.BaseUrl, "v1/get_result?id=" + Uri.EscapeDataString(submit.Id)));
        string? requestId = submit.Id;
        request.Progress?.Report(new Flux2Progress { Status = Flux2ProgressStatus.Queued, Provider = Name, RequestId = requestId });

        // BFL has no cancel endpoint: a job given up on (time-out, Ctrl+C, polls that keep failing) may still finish and be billed.
        BflPollResponse poll = await _http.FollowAsync(request, createCancel: null, token => _http.PollAsync(
            request,
            pollUri,
            BflJsonContext.Default.BflPollResponse,
            BflErrors.Refine,
            status =>
            {
                requestId ??= status.Id;
                if (!IsPending(status.Status))
                {
                    return true;
                }

                request.Progress?.Report(new Flux2Progress
                {
                    Status = status.Progress is > 0 || IsWorking(status.Status) ? Flux2ProgressStatus.Running : Flux2ProgressStatus.Queued,
                    Fraction = status.Progress is { } fraction ? Math.Clamp(fraction, 0, 1) : null,
                    Message = IsWorking(status.Status) ? status.Status!.ToLowerInvariant() : null,
                    Provider = Name,
                    RequestId = requestId,
                });
                return false;
            },
            _http.CreatePollDelay(),
            token), cancellationToken).ConfigureAwait(false);

        ThrowIfNotReady(poll, requestId);
        request.Progress?.Report(new Flux2Progress { Status = Flux2ProgressStatus.Completed, Fraction = 1, Provider = Name, RequestId = requestId });
        return BuildResponse(request, submit, poll, requestId, warnings, _http.TimeProvider.GetElapsedTime(started));
    }

    /// <summary>Encodes the request in BFL's dialect (the FLUX 3 family's own strict body for its rows).</summary>
    internal static JsonObject BuildBody(Flux2ProviderRequest request, List<string> warnings)
    {
        Flux2ModelCapabilities row = request.Capabilities;
        if (row.SizeEncoding == Flux2SizeEncoding.AspectRatioAndTier)
        {
            // FLUX 3 answers 422 to any field it does not know: only its own fields, and the escape hatch as the caller wrote it.
            var flux3 = new JsonObject { ["prompt"] = Flux2Flux3Fields.Prompt(request) };
            Flux2RequestTuning.AddReferences(request, row, flux3, warnings);
            Flux2Flux3Fields.Add(request, flux3, warnings);
            Flux2JsonValues.Merge(flux3, request.AdditionalProperties);
            return flux3;
        }

        var body = new JsonObject
        {
            ["prompt"] = request.Prompt,
            ["width"] = request.Width,
            ["height"] = request.Height,
        };

        if (request.Seed is { } seed)
        {
            body["seed"] = seed;
        }

        if (request.SafetyTolerance is { } tolerance)
        {
            int sent = (int)BflModels.SafetyTolerance.Clamp(tolerance);
            if (sent != tolerance)
            {
                warnings.Add($"BFL's safety_tolerance is 0..5: {tolerance} was sent as {sent}.");
            }

            body["safety_tolerance"] = sent;
        }

        if (request.OutputFormat is { } format)
        {
            body["output_format"] = format.Equals("jpg", StringComparison.OrdinalIgnoreCase) ? Flux2OutputFormats.Jpeg : format.ToLowerInvariant();
        }

        Flux2RequestTuning.Add(request, row, body, warnings);
        Flux2RequestTuning.AddReferences(request, row, body, warnings);
        if (request.Loras is [{ } finetune])
        {
            body["finetune_id"] = finetune.Path;
            body["finetune_strength"] = finetune.Scale;
        }

        Flux2JsonValues.Merge(body, request.AdditionalProperties);
        return body;
    }

    /// <summary>FLUX 3's working statuses: the model reasons about the prompt (and searches, with grounding), then generates.</summary>
    private static bool IsWorking(string? status) =>
        string.Equals(status, "Reasoning", StringComparison.OrdinalIgnoreCase) || string.Equals(status, "Generating", StringComparison.OrdinalIgnoreCase);

    private static bool IsPending(string? status) =>
        status is null
        || status.Equals("Pending", StringComparison.OrdinalIgnoreCase)
        || status.Equals("Reasoning", StringComparison.OrdinalIgnoreCase)
        || status.Equals("Generating", StringComparison.OrdinalIgnoreCase)
        || status.Equals("Queued", StringComparison.OrdinalIgnoreCase)
        || status.Equals("Processing", StringComparison.OrdinalIgnoreCase)
        || status.Equals("Running", StringComparison.OrdinalIgnoreCase);

    private void ThrowIfNotReady(BflPollResponse poll, string? requestId)
    {
        string status = poll.Status ?? "";
        if (status.Equals("Ready", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        IReadOnlyList<string> reasons = BflErrors.ModerationReasons(poll.Details);
        string because = reasons.Count > 0 ? $": {string.Join("; ", reasons)}" : "";
        switch (status.ToUpperInvariant())
        {
            case "REQUEST MODERATED":
                throw new Flux2ContentFilteredException($"BFL's moderation refused the prompt or a reference image before generation{because}. Rephrase the prompt, change the reference images, or raise safety_tolerance. Moderated requests are not charged.", reasons)
                { Provider = Name, RequestId = requestId, InputRefused = true, ProviderErrorType = status };
            case "CONTENT MODERATED":
                throw new Flux2ContentFilteredException($"BFL's moderation withheld the generated image{because}. Rephrase the prompt or raise safety_tolerance. Moderated requests are not charged.", reasons)
                { Provider = Name, RequestId = requestId, InputRefused = false, ProviderErrorType = status };
            case "TASK NOT FOUND":
                throw new Flux2Exception(Flux2ErrorKind.ResultExpired, "BFL no longer knows this task (Task not found): its result expired or the polling URL is wrong. Generate the image again.")
                { Provider = Name, RequestId = requestId, ProviderErrorType = status };
            case "ERROR":
            case "FAILED":
                throw new Flux2Exception(Flux2ErrorKind.JobFailed, $"The BFL task failed{because}. Try again; a different seed or prompt may help.")
                { Provider = Name, RequestId = requestId, ProviderErrorType = status };
            default:
                throw new Flux2Exception(Flux2ErrorKind.MalformedResponse, $"BFL answered the poll with an unknown status '{status}'; report it if it persists.")
                { Provider = Name, RequestId = requestId, ProviderErrorType = status };
        }
    }

    private Flux2ProviderResponse BuildResponse(Flux2ProviderRequest request, BflSubmitResponse submit, BflPollResponse poll, string? requestId, List<string> warnings, TimeSpan elapsed)
    {
        string? sample = poll.Result?.Sample;
        if (string.IsNullOrWhiteSpace(sample))
        {
            throw new Flux2Exception(Flux2ErrorKind.EmptyResult, "BFL reported the task Ready but returned no image (result.sample is missing); try again.")
            { Provider = Name, RequestId = requestId };
        }

        // A FLUX 3 row chooses its own size (a ratio and a tier) and format: both are read from the bytes, never assumed.
        bool exact = request.Capabilities.SizeEncoding != Flux2SizeEncoding.AspectRatioAndTier;
        string format = request.OutputFormat ?? request.Capabilities.DefaultOutputFormat;
        DateTimeOffset now = _http.TimeProvider.GetUtcNow();
        Flux2Image image = Flux2ImageData.FromUrlOrDataUri(
            sample,
            Name,
            exact ? Flux2OutputFormats.ContentType(format) : null,
            exact ? request.Width : null,
            exact ? request.Height : null,
            expiresAt: SampleExpiry(sample, now),
            seed: poll.Result?.Seed);

        double? credits = poll.Cost ?? submit.Cost;
        TimeSpan? inference = poll.Result?.Duration is { } seconds and >= 0 ? TimeSpan.FromSeconds(seconds) : null;
        return new Flux2ProviderResponse
        {
            Images = [image],
            Seed = poll.Result?.Seed ?? request.Seed,
            RevisedPrompt = request.Capabilities.RevisesPrompt ? poll.Result?.Prompt : null,
            RequestId = requestId,
            InferenceTime = inference,
            QueueTime = inference is { } run && elapsed > run ? elapsed - run : null,
            ActualCostUsd = credits is { } c ? Math.Round((decimal)c * UsdPerCredit, 6) : null,
            ProviderReportedCost = credits is { } r ? $"{r.ToString("0.###", CultureInfo.InvariantCulture)} credits" : null,
            Warnings = warnings,
            RawRepresentation = poll,
        };
    }

    /// <summary>The expiry of a signed sample URL: its <c>se</c> (signed expiry) parameter when present, else now + 10 minutes.</summary>
    internal static DateTimeOffset SampleExpiry(string sampleUrl, DateTimeOffset now)
    {
        if (Uri.TryCreate(sampleUrl, UriKind.Absolute, out var uri) && uri.Query.Length > 1)
        {
            foreach (string pair in uri.Query[1..].Split('&'))
            {
                if (pair.StartsWith("se=", StringComparison.OrdinalIgnoreCase)
                    && DateTimeOffset.TryParse(Uri.UnescapeDataString(pair[3..]), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var expiry)
                    && expiry > now.AddMinutes(-1) && expiry < now.AddDays(7))
                {
                    return expiry;
                }
            }
        }

        return now + SampleUrlLifetime;
    }
}
