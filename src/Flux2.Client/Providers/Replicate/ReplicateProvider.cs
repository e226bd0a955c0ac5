using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace Flux2.Client;

/// <summary>
/// Replicate: <c>POST {base}/v1/models/{owner}/{name}/predictions</c> with <c>{"input":{…}}</c> and <c>Prefer: wait=N</c>;
/// a prediction still starting or processing is followed through <c>urls.get</c>, and cancelled through <c>urls.cancel</c>
/// when the caller cancels. Output is a URL string or an array of URLs, whatever the model.
/// </summary>
internal sealed class ReplicateProvider : IFlux2Provider
{
    /// <summary>How long Replicate keeps prediction outputs.</summary>
    public static readonly TimeSpan OutputLifetime = TimeSpan.FromHours(1);

    private readonly Flux2ProviderHttp _http;

    /// <summary>Creates the adapter.</summary>
    public ReplicateProvider(IHttpClientFactory httpClientFactory, TimeProvider? timeProvider = null, ILogger<ReplicateProvider>? logger = null)
    {
        _http = new Flux2ProviderHttp(
            Flux2Providers.Replicate,
            httpClientFactory,
            static (headers, key) => headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key),
            timeProvider,
            logger,
            ReplicateErrors.Rules);
    }

    /// <inheritdoc/>
    public string Name => Flux2Providers.Replicate;

    /// <inheritdoc/>
    public IReadOnlyList<Flux2ModelCapabilities> Models => ReplicateModels.All;

    /// <inheritdoc/>
    public async Task<Flux2ProviderResponse> GenerateAsync(Flux2ProviderRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var warnings = new List<string>();
        bool tiers = request.Capabilities.SizeEncoding == Flux2SizeEncoding.AspectRatioAndTier;
        ReplicateSize? size = tiers ? null : ReplicateSizes.Map(request.Width, request.Height, request.Capabilities);
        JsonObject input = size is null ? BuildFlux3Input(request, warnings) : BuildInput(request, size, warnings);
        Flux2ProviderEndpoint endpoint = request.Endpoint;
        Uri createUri = Flux2Urls.Combine(endpoint.BaseUrl, $"v1/models/{request.Capabilities.ProviderModelId}/predictions");
        TimeSpan? left = request.Deadline - _http.TimeProvider.GetUtcNow();
        int? waitSeconds = PreferWaitSeconds(request.Capabilities.AttemptTimeout, left);

        ReplicatePrediction prediction;
        using (HttpRequestMessage create = _http.CreateJsonRequest(HttpMethod.Post, createUri, new JsonObject { ["input"] = input }, Flux2JsonBody.TypeInfo, request, Flux2RetryMode.NotIdempotent, request.Capabilities.AttemptTimeout))
        {
            if (waitSeconds is { } wait)
            {
                create.Headers.TryAddWithoutValidation("Prefer", $"wait={wait}");
            }

            if (CancelAfter(left) is { } cancelAfter)
            {
                create.Headers.TryAddWithoutValidation("Cancel-After", cancelAfter);
            }

            using HttpResponseMessage response = await _http.SendAsync(create, cancellationToken).ConfigureAwait(false);
            await _http.EnsureSuccessAsync(response, ReplicateErrors.RefineCreate, cancellationToken).ConfigureAwait(false);
            prediction = await _http.ReadJsonAsync(response, ReplicateJsonContext.Default.ReplicatePrediction, cancellationToken).ConfigureAwait(false);
        }

        if (!IsDone(prediction.Status))
        {
            prediction = await FollowAsync(prediction, request, cancellationToken).ConfigureAwait(false);
        }

        Flux2ProviderResponse built = BuildResponse(request, size, prediction, warnings);
        return size?.Expected is null ? built : await MeasureAsync(built, warnings, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// For a model that takes no exact pixels (klein), fetches each output once and reads its real width and height from
    /// the bytes, which are kept so the image need not be fetched again. An output that cannot be fetched keeps the
    /// expected size, with a warning.
    /// </summary>
    private async Task<Flux2ProviderResponse> MeasureAsync(Flux2ProviderResponse response, List<string> warnings, CancellationToken cancellationToken)
    {
        var measured = new List<Flux2Image>(response.Images.Count);
        foreach (Flux2Image image in response.Images)
        {
            if (image.Data is not null || image.Url is null)
            {
                measured.Add(image);
                continue;
            }

            try
            {
                using HttpRequestMessage get = _http.CreateResultFileRequest(image.Url, Flux2ProviderHttp.MaxPollAttemptTimeout);
                using HttpResponseMessage file = await _http.SendAsync(get, cancellationToken).ConfigureAwait(false);
                await _http.EnsureSuccessAsync(file, ReplicateErrors.Refine, cancellationToken).ConfigureAwait(false);
                byte[] bytes = await file.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
                measured.Add(Flux2ImageData.FromBytes(bytes, image.ContentType, image.Width, image.Height, image.Seed, image.Url, image.ExpiresAt));
            }
            catch (Flux2Exception ex)
            {
                warnings.Add($"the size of a Replicate output could not be read ({ex.Kind}); it is reported as the expected {image.Width}x{image.Height}.");
                measured.Add(image);
            }
        }

        return response with { Images = measured, Warnings = warnings };
    }

    /// <summary>Encodes the model input in Replicate's dialect, in the shape the row's model takes.</summary>
    internal static JsonObject BuildInput(Flux2ProviderRequest request, ReplicateSize size, List<string> warnings)
    {
        Flux2ModelCapabilities row = request.Capabilities;
        var input = new JsonObject
        {
            ["prompt"] = request.Prompt,
            ["aspect_ratio"] = size.AspectRatio,
        };

        if (size.Resolution is not null)
        {
            input["resolution"] = size.Resolution;
        }
        else if (size.Megapixels is { } megapixels)
        {
            input["output_megapixels"] = megapixels;
        }
        else
        {
            input["width"] = size.Width;
            input["height"] = size.Height;
        }

        if (size.Warning is not null)
        {
            warnings.Add(size.Warning);
        }

        if (request.Seed is { } seed)
        {
            input["seed"] = seed;
        }

        if (request.SafetyTolerance is { } tolerance)
        {
            if (row.SafetyTolerance is null)
            {
                warnings.Add($"Replicate {row.Model} takes no safety_tolerance: {tolerance} was not sent.");
            }
            else
            {
                int sent = (int)row.SafetyTolerance.Clamp(tolerance);
                if (sent != tolerance)
                {
                    warnings.Add($"Replicate's safety_tolerance is {row.SafetyTolerance.Min}..{row.SafetyTolerance.Max}: {tolerance} was sent as {sent}.");
                }

                input["safety_tolerance"] = sent;
            }
        }

        if (request.OutputFormat is { } format)
        {
            input[row.FormatField] = WireFormat(format);
        }

        Flux2RequestTuning.Add(request, row, input, warnings);
        Flux2RequestTuning.AddReferences(request, row, input, warnings);
        Flux2JsonValues.Merge(input, request.AdditionalProperties);
        return input;
    }

    /// <summary>
    /// Encodes a FLUX 3 family input (black-forest-labs/flux-3-image): prompt (with the in-prompt layout), images, aspect_ratio,
    /// resolution, grounding, safety_tolerance, output_format; no seed, size, steps or guidance.
    /// </summary>
    internal static JsonObject BuildFlux3Input(Flux2ProviderRequest request, List<string> warnings)
    {
        Flux2ModelCapabilities row = request.Capabilities;
        var input = new JsonObject { ["prompt"] = Flux2Flux3Fields.Prompt(request) };
        Flux2Flux3Fields.Add(request, input, warnings);
        if (request.OutputFormat is { } format)
        {
            input[row.FormatField] = WireFormat(format);
        }

        Flux2RequestTuning.AddReferences(request, row, input, warnings);
        Flux2JsonValues.Merge(input, request.AdditionalProperties);
        return input;
    }

    /// <summary>Replicate's name of an output format: webp, jpg or png.</summary>
    internal static string WireFormat(string format) => format.ToLowerInvariant() switch
    {
        "jpeg" or "jpg" => "jpg",
        var other => other,
    };

    /// <summary>
    /// How long to let Replicate hold the create open: within its 1..60 s, well inside the attempt time-out, and a second short of
    /// the call's deadline (<paramref name="left"/>), so that the prediction's id, and with it its cancel URL, is known before the
    /// call may be given up. Null (no <c>Prefer</c> header: Replicate answers at once) when even one second would crowd either.
    /// </summary>
    internal static int? PreferWaitSeconds(TimeSpan attemptTimeout, TimeSpan? left = null)
    {
        if (attemptTimeout < TimeSpan.FromSeconds(2))
        {
            return null;
        }

        double seconds = Math.Clamp(attemptTimeout.TotalSeconds - 10, 1, 60);
        if (left is { } remaining)
        {
            seconds = Math.Min(seconds, Math.Floor(remaining.TotalSeconds - 1));
        }

        return seconds >= 1 ? (int)seconds : null;
    }

    /// <summary>
    /// The <c>Cancel-After</c> header for the time left of the call: Replicate then cancels the prediction itself when the call's
    /// deadline passes, even if this process is gone ("Set deadlines for predictions", https://replicate.com/changelog/2025-10-16-prediction-deadlines;
    /// durations such as <c>90s</c>). Null when nothing bounds the call or less than 5 s are left (the polling side cancels then).
    /// </summary>
    internal static string? CancelAfter(TimeSpan? left) =>
        left is { } remaining && remaining >= TimeSpan.FromSeconds(5)
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{(long)Math.Ceiling(remaining.TotalSeconds)}s")
            : null;

    private static bool IsDone(string? status) => status is "succeeded" or "failed" or "canceled" or "aborted";

    private async Task<ReplicatePrediction> FollowAsync(ReplicatePrediction prediction, Flux2ProviderRequest request, CancellationToken cancellationToken)
    {
        Flux2ProviderEndpoint endpoint = request.Endpoint;
        Uri getUri = Flux2Urls.TryParseReturned(prediction.Urls?.Get, endpoint.BaseUrl)
            ?? (string.IsNullOrEmpty(prediction.Id)
                ? throw new Flux2Exception(Flux2ErrorKind.MalformedResponse, "Replicate answered with an unfinished prediction that has neither urls.get nor an id; try again, and report it if it persists.") { Provider = Name }
                : Flux2Urls.Combine(endpoint.BaseUrl, "v1/predictions/" + Uri.EscapeDataString(prediction.Id)));
        Uri? cancelUri = Flux2Urls.TryParseReturned(prediction.Urls?.Cancel, endpoint.BaseUrl)
            ?? (string.IsNullOrEmpty(prediction.Id) ? null : Flux2Urls.Combine(endpoint.BaseUrl, $"v1/predictions/{Uri.EscapeDataString(prediction.Id)}/cancel"));
        string? id = prediction.Id;
        string? lastStatus = null;
        bool Report(ReplicatePrediction current)
        {
            if (IsDone(current.Status))
            {
                return true;
            }

            if (current.Status != lastStatus)
            {
                lastStatus = current.Status;
                request.Progress?.Report(new Flux2Progress
                {
                    Status = current.Status == "processing" ? Flux2ProgressStatus.Running : Flux2ProgressStatus.Queued,
                    Message = LastLine(current.Logs),
                    Provider = Name,
                    RequestId = id,
                });
            }

            return false;
        }

        Report(prediction);
        // Given up (Ctrl+C, the call's TotalTimeout, polls that keep failing): stop the prediction so it is not billed further.
        Func<HttpRequestMessage>? cancel = cancelUri is null
            ? null
            : () => _http.CreateRequest(HttpMethod.Post, cancelUri, request, Flux2RetryMode.Idempotent, Flux2ProviderHttp.DefaultCancelTimeout);
        prediction = await _http.FollowAsync(
            request,
            cancel,
            token => _http.PollAsync(request, getUri, ReplicateJsonContext.Default.ReplicatePrediction, ReplicateErrors.Refine, Report, _http.CreatePollDelay(), token),
            cancellationToken).ConfigureAwait(false);
        return prediction;
    }

    private Flux2ProviderResponse BuildResponse(Flux2ProviderRequest request, ReplicateSize? size, ReplicatePrediction prediction, List<string> warnings)
    {
        switch (prediction.Status)
        {
            case "failed":
                throw ReplicateErrors.Failed(prediction);
            case "canceled":
            case "aborted":
                throw new Flux2Exception(Flux2ErrorKind.Cancelled, $"The Replicate prediction was {prediction.Status} before it finished (by its owner, Cancel-After or the dashboard). Start it again.")
                { Provider = Name, RequestId = prediction.Id, ProviderErrorType = prediction.Status };
        }

        IReadOnlyList<string> urls = OutputUrls(prediction.Output);
        if (urls.Count == 0)
        {
            throw new Flux2Exception(Flux2ErrorKind.EmptyResult, "The Replicate prediction succeeded but its output holds no image; try again, perhaps with another seed.")
            { Provider = Name, RequestId = prediction.Id };
        }

        DateTimeOffset expires = (prediction.CompletedAt ?? _http.TimeProvider.GetUtcNow()) + OutputLifetime;
        string format = request.OutputFormat ?? request.Capabilities.DefaultOutputFormat;
        // A FLUX 3 row (no size plan here) chooses its own pixels: they are read from the bytes, never assumed.
        (int? width, int? height) = size is null ? ((int?)null, (int?)null)
            : size.Width is { } w && size.Height is { } h ? (w, h)
            : size.Expected is { } expected ? (expected.Width, expected.Height)
            : (request.Width, request.Height);
        var images = urls.Select(url => Flux2ImageData.FromUrlOrDataUri(url, Name, ContentTypeOf(url, format), width, height, expires)).ToList();

        TimeSpan? queue = prediction.StartedAt is { } started && prediction.CreatedAt is { } created && started >= created ? started - created : null;
        return new Flux2ProviderResponse
        {
            Images = images,
            Seed = request.Seed ?? SeedFromLogs(prediction.Logs),
            RequestId = prediction.Id,
            QueueTime = queue,
            InferenceTime = prediction.Metrics?.PredictTime is { } seconds and >= 0 ? TimeSpan.FromSeconds(seconds) : null,
            Warnings = warnings,
            RawRepresentation = prediction,
        };
    }

    /// <summary>The image URLs of an output: a string, an array of strings, or objects with a url.</summary>
    internal static IReadOnlyList<string> OutputUrls(JsonElement? output)
    {
        var urls = new List<string>();
        void Add(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String when !string.IsNullOrWhiteSpace(element.GetString()):
                    urls.Add(element.GetString()!);
                    break;
                case JsonValueKind.Object when Flux2JsonText.String(element, "url") is { Length: > 0 } url:
                    urls.Add(url);
                    break;
            }
        }

        if (output is { ValueKind: JsonValueKind.Array } array)
        {
            foreach (JsonElement item in array.EnumerateArray())
            {
                Add(item);
            }
        }
        else if (output is { } single)
        {
            Add(single);
        }

        return urls;
    }

    private static string ContentTypeOf(string url, string format)
    {
        string path = Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.AbsolutePath : url;
        string extension = Path.GetExtension(path).TrimStart('.');
        return extension.ToLowerInvariant() is "png" or "jpg" or "jpeg" or "webp"
            ? Flux2OutputFormats.ContentType(extension)
            : Flux2OutputFormats.ContentType(format);
    }

    /// <summary>The seed FLUX models on Replicate print as "Using seed: N", when present.</summary>
    internal static long? SeedFromLogs(string? logs)
    {
        const string marker = "Using seed:";
        int at = logs?.LastIndexOf(marker, StringComparison.OrdinalIgnoreCase) ?? -1;
        if (at < 0)
        {
            return null;
        }

        ReadOnlySpan<char> rest = logs.AsSpan(at + marker.Length).TrimStart();
        int length = 0;
        while (length < rest.Length && (char.IsAsciiDigit(rest[length]) || (length == 0 && rest[length] == '-')))
        {
            length++;
        }

        return long.TryParse(rest[..length], System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out long seed) ? seed : null;
    }

    private static string? LastLine(string? logs)
    {
        if (string.IsNullOrWhiteSpace(logs))
        {
            return null;
        }

        string[] lines = logs.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length > 0 ? lines[^1] : null;
    }
}
