using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Flux2.Client;

/// <summary>
/// Together AI's OpenAI-style images endpoint: one synchronous <c>POST {base}/v1/images/generations</c> returning
/// <c>data[]</c> with a <c>url</c> (the default) or <c>b64_json</c>. Choose base64 with the additional property
/// <c>response_format: "base64"</c> or <c>Flux2:Providers:Together:Mode = base64</c>.
/// </summary>
internal sealed class TogetherProvider : IFlux2Provider
{
    private readonly Flux2ProviderHttp _http;
    private readonly IOptionsMonitor<Flux2ClientOptions>? _options;

    /// <summary>Creates the adapter.</summary>
    public TogetherProvider(IHttpClientFactory httpClientFactory, IOptionsMonitor<Flux2ClientOptions>? options = null, TimeProvider? timeProvider = null, ILogger<TogetherProvider>? logger = null)
    {
        _options = options;
        _http = new Flux2ProviderHttp(Flux2Providers.Together, httpClientFactory, static (headers, key) => headers.Authorization = new AuthenticationHeaderValue("Bearer", key), timeProvider, logger, TogetherErrors.Rules);
    }

    /// <inheritdoc/>
    public string Name => Flux2Providers.Together;

    /// <inheritdoc/>
    public IReadOnlyList<Flux2ModelCapabilities> Models => TogetherModels.All;

    /// <inheritdoc/>
    public async Task<Flux2ProviderResponse> GenerateAsync(Flux2ProviderRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var warnings = new List<string>();
        string? mode = _options?.CurrentValue.Providers.TryGetValue(Name, out var settings) == true ? settings.Mode : null;
        JsonObject body = BuildBody(request, mode, warnings);
        Uri uri = Flux2Urls.Combine(request.Endpoint.BaseUrl, "v1/images/generations");

        TogetherImageResponse answer;
        using (HttpRequestMessage post = _http.CreateJsonRequest(HttpMethod.Post, uri, body, Flux2JsonBody.TypeInfo, request, Flux2RetryMode.NotIdempotent, request.Capabilities.AttemptTimeout))
        using (HttpResponseMessage response = await _http.SendAsync(post, cancellationToken).ConfigureAwait(false))
        {
            await _http.EnsureSuccessAsync(response, TogetherErrors.Refine, cancellationToken).ConfigureAwait(false);
            answer = await _http.ReadJsonAsync(response, TogetherJsonContext.Default.TogetherImageResponse, cancellationToken).ConfigureAwait(false);
        }

        string format = request.OutputFormat ?? request.Capabilities.DefaultOutputFormat;
        string contentType = Flux2OutputFormats.ContentType(format);
        var images = new List<Flux2Image>();
        foreach (TogetherImageData item in (answer.Data ?? []).OrderBy(d => d.Index ?? 0))
        {
            if (!string.IsNullOrWhiteSpace(item.Base64Json))
            {
                images.Add(Flux2ImageData.FromBase64(item.Base64Json, Name, contentType, request.Width, request.Height));
            }
            else if (!string.IsNullOrWhiteSpace(item.Url))
            {
                images.Add(Flux2ImageData.FromUrlOrDataUri(item.Url, Name, contentType, request.Width, request.Height));
            }
        }

        if (images.Count == 0)
        {
            throw new Flux2Exception(Flux2ErrorKind.EmptyResult, "Together answered without any image (data[] is empty); try again, perhaps with another prompt or seed.")
            { Provider = Name, RequestId = answer.Id };
        }

        int filtered = Math.Max(0, request.NumImages - images.Count);
        if (filtered > 0)
        {
            warnings.Add($"Together returned {images.Count} of {request.NumImages} images; the others were withheld.");
        }

        return new Flux2ProviderResponse
        {
            Images = images,
            Seed = request.Seed,
            RequestId = answer.Id,
            FilteredCount = filtered,
            Warnings = warnings,
            RawRepresentation = answer,
        };
    }

    /// <summary>Encodes the request in Together's dialect.</summary>
    internal static JsonObject BuildBody(Flux2ProviderRequest request, string? mode, List<string> warnings)
    {
        Flux2ModelCapabilities row = request.Capabilities;
        var body = new JsonObject
        {
            ["model"] = row.ProviderModelId,
            ["prompt"] = request.Prompt,
            ["width"] = request.Width,
            ["height"] = request.Height,
            ["n"] = request.NumImages,
            ["response_format"] = string.Equals(mode, "base64", StringComparison.OrdinalIgnoreCase) || string.Equals(mode, "b64_json", StringComparison.OrdinalIgnoreCase) ? "base64" : "url",
        };

        if (request.Seed is { } seed)
        {
            body["seed"] = seed;
        }

        if (request.OutputFormat is { } format)
        {
            body["output_format"] = format.Equals("jpg", StringComparison.OrdinalIgnoreCase) ? Flux2OutputFormats.Jpeg : format.ToLowerInvariant();
        }

        if (request.SafetyTolerance is { } tolerance)
        {
            warnings.Add($"Together has no safety_tolerance (only disable_safety_checker): {tolerance} was not sent.");
        }

        Flux2RequestTuning.Add(request, row, body, warnings);
        Flux2RequestTuning.AddReferences(request, row, body, warnings);
        Flux2JsonValues.Merge(body, request.AdditionalProperties);
        if (body["response_format"]?.GetValueKind() == System.Text.Json.JsonValueKind.String
            && body["response_format"]!.GetValue<string>() is "b64_json")
        {
            // OpenAI's name for it; Together's enum says base64.
            body["response_format"] = "base64";
        }

        return body;
    }
}
