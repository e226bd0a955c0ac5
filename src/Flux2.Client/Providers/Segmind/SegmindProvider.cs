using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Flux2.Client;

/// <summary>
/// Segmind: one synchronous <c>POST {base}/v1/{slug}</c> with <c>x-api-key</c>. The answer is the image itself (raw bytes
/// with an image content type) or, for some models, JSON carrying base64 (unverified for FLUX.2): both are accepted,
/// told apart by content type and magic bytes.
/// </summary>
internal sealed class SegmindProvider : IFlux2Provider
{
    private static readonly string[] ImageFields = ["image", "images", "output", "b64_json", "base64", "data", "url"];

    private readonly Flux2ProviderHttp _http;
    private readonly ILogger _logger;

    /// <summary>Creates the adapter.</summary>
    public SegmindProvider(IHttpClientFactory httpClientFactory, TimeProvider? timeProvider = null, ILogger<SegmindProvider>? logger = null)
    {
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _http = new Flux2ProviderHttp(Flux2Providers.Segmind, httpClientFactory, static (headers, key) => headers.Add("x-api-key", key), timeProvider, _logger, SegmindErrors.Rules);
    }

    /// <inheritdoc/>
    public string Name => Flux2Providers.Segmind;

    /// <inheritdoc/>
    public IReadOnlyList<Flux2ModelCapabilities> Models => SegmindModels.All;

    /// <inheritdoc/>
    public async Task<Flux2ProviderResponse> GenerateAsync(Flux2ProviderRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var warnings = new List<string>();
        JsonObject body = BuildBody(request, warnings);
        Uri uri = Flux2Urls.Combine(request.Endpoint.BaseUrl, "v1/" + request.Capabilities.ProviderModelId);

        using HttpRequestMessage post = _http.CreateJsonRequest(HttpMethod.Post, uri, body, Flux2JsonBody.TypeInfo, request, Flux2RetryMode.NotIdempotent, request.Capabilities.AttemptTimeout);
        post.Headers.Accept.ParseAdd("image/*");
        using HttpResponseMessage response = await _http.SendAsync(post, cancellationToken).ConfigureAwait(false);
        await _http.EnsureSuccessAsync(response, SegmindErrors.Refine, cancellationToken).ConfigureAwait(false);
        if (response.Headers.TryGetValues("x-remaining-credits", out var remaining))
        {
            // Unverified header: logged for the operator, never turned into cost.
            _logger.LogInformation("Segmind reports {RemainingCredits} credits remaining", string.Join(",", remaining));
        }

        byte[] bytes;
        try
        {
            bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new Flux2Exception(Flux2ErrorKind.Network, "The connection to Segmind dropped while reading the image; try again.", ex) { Provider = Name };
        }

        string? requestId = Flux2ProviderHttp.RequestIdOf(response);
        IReadOnlyList<Flux2Image> images = Decode(bytes, response.Content.Headers.ContentType?.MediaType, request, requestId);
        long? seed = request.Seed;
        if (seed is null && response.Headers.TryGetValues("x-seed", out var seeds)
            && long.TryParse(seeds.FirstOrDefault(), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out long reported))
        {
            // Unverified header: read when present, never required.
            seed = reported;
        }

        return new Flux2ProviderResponse
        {
            Images = images,
            Seed = seed ?? images.Select(i => i.Seed).FirstOrDefault(s => s is not null),
            RequestId = requestId,
            Warnings = warnings,
        };
    }

    /// <summary>Encodes the request in Segmind's dialect, in the shape the row's model takes (pro/flex or klein).</summary>
    internal static JsonObject BuildBody(Flux2ProviderRequest request, List<string> warnings)
    {
        Flux2ModelCapabilities row = request.Capabilities;
        var body = new JsonObject { ["prompt"] = request.Prompt };
        if (row.SizeEncoding == Flux2SizeEncoding.AspectRatio)
        {
            string ratio = Flux2AspectSizes.NearestRatio(request.Width, request.Height, row.AspectRatios);
            (int w, int h) = Flux2AspectSizes.Expected(ratio, 1);
            body["aspect_ratio"] = ratio;
            if (w != request.Width || h != request.Height)
            {
                warnings.Add($"Segmind {row.Model} takes no exact pixels: {request.Width}x{request.Height} was sent as aspect_ratio {ratio}, which returns about {w}x{h}.");
            }
        }
        else
        {
            body["width"] = request.Width;
            body["height"] = request.Height;
        }

        if (request.Seed is { } seed)
        {
            if (row.SupportsSeed)
            {
                body["seed"] = seed;
            }
            else
            {
                warnings.Add($"Segmind {row.Model} takes no seed: {seed} was not sent.");
            }
        }

        if (request.OutputFormat is { } format)
        {
            body[row.FormatField] = format.Equals("jpg", StringComparison.OrdinalIgnoreCase) ? Flux2OutputFormats.Jpeg : format.ToLowerInvariant();
        }

        if (request.SafetyTolerance is { } tolerance)
        {
            if (row.SafetyTolerance is null)
            {
                warnings.Add($"Segmind {row.Model} takes no safety_tolerance: {tolerance} was not sent.");
            }
            else
            {
                int sent = (int)row.SafetyTolerance.Clamp(tolerance);
                if (sent != tolerance)
                {
                    warnings.Add($"Segmind's safety_tolerance is {row.SafetyTolerance.Min}..{row.SafetyTolerance.Max}: {tolerance} was sent as {sent}.");
                }

                body["safety_tolerance"] = sent;
            }
        }

        Flux2RequestTuning.Add(request, row, body, warnings);
        Flux2RequestTuning.AddReferences(request, row, body, warnings);
        Flux2JsonValues.Merge(body, request.AdditionalProperties);
        return body;
    }

    /// <summary>Reads the answer: raw image bytes (by magic bytes or an image content type) or JSON with base64 or URLs.</summary>
    internal static IReadOnlyList<Flux2Image> Decode(byte[] bytes, string? mediaType, Flux2ProviderRequest request, string? requestId)
    {
        string provider = Flux2Providers.Segmind;
        if (bytes.Length == 0)
        {
            throw new Flux2Exception(Flux2ErrorKind.EmptyResult, "Segmind answered with an empty body instead of an image; try again.") { Provider = provider, RequestId = requestId };
        }

        string? sniffed = Flux2ImageData.SniffContentType(bytes);
        if (sniffed is not null)
        {
            return [Flux2ImageData.FromBytes(bytes, sniffed, request.Width, request.Height, request.Seed)];
        }

        if (mediaType is not null && mediaType.StartsWith("image/", StringComparison.OrdinalIgnoreCase))
        {
            throw new Flux2Exception(Flux2ErrorKind.MalformedResponse, $"Segmind answered with {mediaType} but the body is not a PNG, JPEG or WebP image; try again, and report it if it persists.")
            { Provider = provider, RequestId = requestId };
        }

        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(bytes);
            root = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new Flux2Exception(Flux2ErrorKind.MalformedResponse, $"Segmind answered with a body that is neither an image nor JSON ({mediaType ?? "no content type"}); try again, and report it if it persists.", ex)
            { Provider = provider, RequestId = requestId };
        }

        string contentType = Flux2OutputFormats.ContentType(request.OutputFormat ?? request.Capabilities.DefaultOutputFormat);
        var images = new List<Flux2Image>();
        Collect(root, images, contentType, request, 0);
        if (request.Seed is null && Flux2JsonText.Property(root, "seed") is { ValueKind: JsonValueKind.Number } seedElement && seedElement.TryGetInt64(out long seed))
        {
            images = [.. images.Select(image => new Flux2Image { Data = image.Data, Url = image.Url, ContentType = image.ContentType, Width = image.Width, Height = image.Height, Seed = seed })];
        }
        if (images.Count == 0)
        {
            if (Flux2JsonText.Join(Flux2JsonText.Property(root, "error")) is { } error)
            {
                throw new Flux2Exception(Flux2ErrorKind.JobFailed, $"Segmind reported a failure: {error}. Try again; a different prompt or seed may help.") { Provider = provider, RequestId = requestId };
            }

            throw new Flux2Exception(Flux2ErrorKind.EmptyResult, "Segmind answered with JSON that holds no image; try again.") { Provider = provider, RequestId = requestId };
        }

        return images;
    }

    private static void Collect(JsonElement element, List<Flux2Image> images, string contentType, Flux2ProviderRequest request, int depth)
    {
        if (depth > 3)
        {
            return;
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.String when element.GetString() is { Length: > 0 } text:
                images.Add(text.StartsWith("http", StringComparison.OrdinalIgnoreCase) || text.StartsWith("data:", StringComparison.OrdinalIgnoreCase)
                    ? Flux2ImageData.FromUrlOrDataUri(text, Flux2Providers.Segmind, contentType, request.Width, request.Height, seed: request.Seed)
                    : Flux2ImageData.FromBase64(text, Flux2Providers.Segmind, contentType, request.Width, request.Height, request.Seed));
                break;
            case JsonValueKind.Array:
                foreach (JsonElement item in element.EnumerateArray())
                {
                    Collect(item, images, contentType, request, depth + 1);
                }

                break;
            case JsonValueKind.Object:
                foreach (string field in ImageFields)
                {
                    if (Flux2JsonText.Property(element, field) is { } value)
                    {
                        Collect(value, images, contentType, request, depth + 1);
                        if (images.Count > 0)
                        {
                            return;
                        }
                    }
                }

                break;
        }
    }
}
