using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Flux2.Client;

/// <summary>
/// One adapter for every OpenAI-style images endpoint (<c>POST {base}/v1/images/generations</c> answering <c>data[]</c>
/// with <c>url</c> or <c>b64_json</c>), configured by an <see cref="OpenAICompatibleProfile"/>: registered once for
/// AIML API and once for any OpenAI-compatible server. Model ids come from the profile's rows unless
/// <c>Flux2:Providers:{Name}:ModelIds</c> maps a FLUX.2 name to the endpoint's own (<c>{model}-edit</c> maps the edit id).
/// </summary>
internal sealed class OpenAICompatibleProvider : IFlux2Provider
{
    private readonly OpenAICompatibleProfile _profile;
    private readonly IOptionsMonitor<Flux2ClientOptions>? _options;
    private readonly Flux2ProviderHttp _http;
    private readonly Flux2ErrorRefiner _refine;

    /// <summary>Creates the adapter for one profile.</summary>
    public OpenAICompatibleProvider(OpenAICompatibleProfile profile, IHttpClientFactory httpClientFactory, IOptionsMonitor<Flux2ClientOptions>? options = null, TimeProvider? timeProvider = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(profile);
        _profile = profile;
        _options = options;
        _refine = OpenAICompatibleErrors.For(profile);
        _http = new Flux2ProviderHttp(profile.Name, httpClientFactory, static (headers, key) => headers.Authorization = new AuthenticationHeaderValue("Bearer", key), timeProvider, logger, OpenAICompatibleErrors.RulesFor(profile));
    }

    /// <summary>Creates the AIML API adapter from a service provider (for DI registration).</summary>
    public static OpenAICompatibleProvider CreateAimlApi(IServiceProvider services) => Create(OpenAICompatibleProfiles.AimlApi, services);

    /// <summary>Creates the generic OpenAI-compatible adapter from a service provider (for DI registration).</summary>
    public static OpenAICompatibleProvider CreateOpenAI(IServiceProvider services) => Create(OpenAICompatibleProfiles.OpenAI, services);

    /// <inheritdoc/>
    public string Name => _profile.Name;

    /// <inheritdoc/>
    public IReadOnlyList<Flux2ModelCapabilities> Models => ResolveRows(_profile, ModelIds());

    /// <inheritdoc/>
    public async Task<Flux2ProviderResponse> GenerateAsync(Flux2ProviderRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var warnings = new List<string>();
        JsonObject body = BuildBody(_profile, request, ModelIds(), warnings);
        Uri uri = Flux2Urls.Combine(request.Endpoint.BaseUrl, "v1/images/generations");

        OpenAIImagesResponse answer;
        using (HttpRequestMessage post = _http.CreateJsonRequest(HttpMethod.Post, uri, body, Flux2JsonBody.TypeInfo, request, Flux2RetryMode.NotIdempotent, request.Capabilities.AttemptTimeout))
        using (HttpResponseMessage response = await _http.SendAsync(post, cancellationToken).ConfigureAwait(false))
        {
            await _http.EnsureSuccessAsync(response, _refine, cancellationToken).ConfigureAwait(false);
            answer = await _http.ReadJsonAsync(response, OpenAICompatibleJsonContext.Default.OpenAIImagesResponse, cancellationToken).ConfigureAwait(false);
        }

        return BuildResponse(request, answer, warnings);
    }

    /// <summary>The rows: the profile's, with ids overridden by ModelIds; a generic profile lists only the mapped models when any are mapped.</summary>
    internal static IReadOnlyList<Flux2ModelCapabilities> ResolveRows(OpenAICompatibleProfile profile, IDictionary<string, string>? modelIds)
    {
        if (modelIds is null || modelIds.Count == 0)
        {
            return profile.Rows;
        }

        var rows = new List<Flux2ModelCapabilities>();
        foreach (Flux2ModelCapabilities row in profile.Rows)
        {
            bool mapped = modelIds.TryGetValue(row.Model, out string? id) && !string.IsNullOrWhiteSpace(id);
            bool editMapped = modelIds.TryGetValue(row.Model + "-edit", out string? editId) && !string.IsNullOrWhiteSpace(editId);
            if (profile.RowsFromModelIds && !mapped)
            {
                continue;
            }

            rows.Add(row with
            {
                ProviderModelId = mapped ? id! : row.ProviderModelId,
                EditModelId = editMapped ? editId : row.EditModelId,
            });
        }

        return rows;
    }

    /// <summary>Encodes the request in the profile's dialect.</summary>
    internal static JsonObject BuildBody(OpenAICompatibleProfile profile, Flux2ProviderRequest request, IDictionary<string, string>? modelIds, List<string> warnings)
    {
        Flux2ModelCapabilities row = request.Capabilities;
        bool edit = request.ReferenceImages.Count > 0;
        string model = request.Loras.Count > 0 && row.Loras is { } loras
            ? (edit && loras.EditModelId is { } loraEdit ? loraEdit : loras.ModelId)
            : ModelId(row, edit, modelIds);
        var body = new JsonObject
        {
            ["model"] = model,
            ["prompt"] = request.Prompt,
        };

        if (profile.SizeAsObject)
        {
            body["image_size"] = new JsonObject { ["width"] = request.Width, ["height"] = request.Height };
        }
        else
        {
            body["size"] = $"{request.Width}x{request.Height}";
        }

        if (request.NumImages > 1 || row.MaxImagesPerRequest > 1)
        {
            body[profile.CountField] = request.NumImages;
        }

        if (request.Seed is { } seed)
        {
            if (seed < profile.MinSeed)
            {
                warnings.Add($"{profile.DisplayName} takes seeds from {profile.MinSeed}: seed {seed} was sent as {profile.MinSeed}.");
                seed = profile.MinSeed;
            }

            body["seed"] = seed;
        }

        if (request.OutputFormat is { } format)
        {
            body["output_format"] = format.Equals("jpg", StringComparison.OrdinalIgnoreCase) ? Flux2OutputFormats.Jpeg : format.ToLowerInvariant();
        }

        if (request.SafetyTolerance is { } tolerance)
        {
            if (row.SafetyTolerance is null)
            {
                warnings.Add($"{profile.DisplayName} {row.Model} takes no safety_tolerance: {tolerance} was not sent.");
            }
            else
            {
                int sent = (int)row.SafetyTolerance.Clamp(tolerance);
                if (sent != tolerance)
                {
                    warnings.Add($"{profile.DisplayName}'s safety_tolerance is {row.SafetyTolerance.Min}..{row.SafetyTolerance.Max}: {tolerance} was sent as {sent}.");
                }

                body["safety_tolerance"] = profile.SafetyToleranceAsString ? sent.ToString(CultureInfo.InvariantCulture) : sent;
            }
        }

        Flux2RequestTuning.Add(request, row, body, warnings);
        if (edit && row.MaxReferenceImages == 0)
        {
            warnings.Add($"{profile.DisplayName} {row.Model} takes no reference images: {request.ReferenceImages.Count} were not sent.");
        }
        else
        {
            Flux2RequestTuning.AddReferences(request, row, body, warnings);
        }

        Flux2RequestTuning.AddLoras(request, body);
        Flux2JsonValues.Merge(body, request.AdditionalProperties);
        return body;
    }

    /// <summary>The endpoint's model id: the edit id when reference images are sent and one exists; ModelIds overrides both.</summary>
    internal static string ModelId(Flux2ModelCapabilities row, bool edit, IDictionary<string, string>? modelIds)
    {
        if (edit)
        {
            if (modelIds is not null && modelIds.TryGetValue(row.Model + "-edit", out string? mappedEdit) && !string.IsNullOrWhiteSpace(mappedEdit))
            {
                return mappedEdit;
            }

            if (row.EditModelId is { Length: > 0 } editId)
            {
                return editId;
            }
        }

        return modelIds is not null && modelIds.TryGetValue(row.Model, out string? mapped) && !string.IsNullOrWhiteSpace(mapped)
            ? mapped
            : row.ProviderModelId;
    }

    private static OpenAICompatibleProvider Create(OpenAICompatibleProfile profile, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return new OpenAICompatibleProvider(
            profile,
            services.GetRequiredService<IHttpClientFactory>(),
            services.GetService<IOptionsMonitor<Flux2ClientOptions>>(),
            services.GetService<TimeProvider>(),
            services.GetService<ILoggerFactory>()?.CreateLogger<OpenAICompatibleProvider>());
    }

    private IDictionary<string, string>? ModelIds() =>
        _options?.CurrentValue.Providers.TryGetValue(_profile.Name, out var settings) == true ? settings.ModelIds : null;

    private Flux2ProviderResponse BuildResponse(Flux2ProviderRequest request, OpenAIImagesResponse answer, List<string> warnings)
    {
        string format = request.OutputFormat ?? request.Capabilities.DefaultOutputFormat;
        string contentType = Flux2OutputFormats.ContentType(format);
        var images = new List<Flux2Image>();
        foreach (OpenAIImageData item in answer.Data ?? [])
        {
            int? width = item.Width ?? request.Width;
            int? height = item.Height ?? request.Height;
            if (!string.IsNullOrWhiteSpace(item.Base64Json))
            {
                images.Add(Flux2ImageData.FromBase64(item.Base64Json, Name, item.ContentType ?? contentType, width, height, item.Seed));
            }
            else if (!string.IsNullOrWhiteSpace(item.Url))
            {
                images.Add(Flux2ImageData.FromUrlOrDataUri(item.Url, Name, item.ContentType ?? contentType, width, height, seed: item.Seed));
            }
        }

        if (images.Count == 0)
        {
            throw new Flux2Exception(Flux2ErrorKind.EmptyResult, $"{_profile.DisplayName} answered without any image (data[] is empty or has neither url nor b64_json); try again, perhaps with another prompt or seed.")
            { Provider = Name, RequestId = answer.Id };
        }

        int filtered = Math.Max(0, request.NumImages - images.Count);
        if (filtered > 0)
        {
            warnings.Add($"{_profile.DisplayName} returned {images.Count} of {request.NumImages} images; the others were withheld.");
        }

        AimlUsage? usage = answer.Meta?.Usage;
        double? credits = usage?.CreditsUsed ?? usage?.TokensUsed;
        decimal? usd = usage?.UsdSpent is { } spent and >= 0 ? Math.Round((decimal)spent, 6)
            : credits is { } c && _profile.CreditsPerUsd is { } rate && rate > 0 ? Math.Round((decimal)c / rate, 6) : null;
        return new Flux2ProviderResponse
        {
            Images = images,
            Seed = request.Seed,
            RequestId = answer.Id,
            FilteredCount = filtered,
            ActualCostUsd = usd,
            ProviderReportedCost = credits is { } r ? $"{r.ToString("0.###", CultureInfo.InvariantCulture)} credits"
                : usage?.UsdSpent is { } d ? $"${d.ToString("0.######", CultureInfo.InvariantCulture)}" : null,
            Warnings = warnings,
            RawRepresentation = answer,
        };
    }
}
