using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace Flux2.Client;

/// <summary>
/// Microsoft.Extensions.AI <see cref="IImageGenerator"/> over <see cref="IFlux2Client"/>, so any MEAI pipeline
/// (<c>UseLogging</c>, <c>UseOpenTelemetry</c>) can wrap FLUX.2. Options map as follows: Count to num_images, ImageSize to
/// WIDTHxHEIGHT, MediaType to output_format, ModelId to the model; AdditionalProperties "seed", "guidance_scale",
/// "num_inference_steps", "safety_tolerance", "provider" and "size" (a preset) to those fields; other entries are sent
/// to the provider as they are. OriginalImages become reference images. Results are <see cref="UriContent"/> where the
/// provider returned a URL, unless ResponseFormat asks for Data: then the image is fetched (with the download guards).
/// </summary>
public sealed class Flux2ImageGenerator : IImageGenerator
{
    private readonly IFlux2Client _client;
    private readonly IOptions<Flux2ClientOptions> _options;
    private readonly IFlux2Downloader? _downloader;

    /// <summary>Creates the generator over a caller; the downloader fetches bytes when a request asks for Data.</summary>
    public Flux2ImageGenerator(IFlux2Client client, IOptions<Flux2ClientOptions> options, IFlux2Downloader? downloader = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        _client = client;
        _options = options;
        _downloader = downloader;
    }

    /// <inheritdoc/>
    public async Task<ImageGenerationResponse> GenerateAsync(ImageGenerationRequest request, ImageGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Flux2ImageRequest flux = ToFlux2Request(request, options);
        Flux2ImageResult result = await _client.GenerateAsync(flux, progress: null, cancellationToken).ConfigureAwait(false);
        var contents = new List<AIContent>(result.Images.Count);
        foreach (Flux2Image image in result.Images)
        {
            string mediaType = image.ContentType ?? (flux.OutputFormat is { } f ? Flux2OutputFormats.ContentType(f) : "image/png");
            if (image.Data is { } data)
            {
                contents.Add(new DataContent(data, mediaType) { RawRepresentation = image });
            }
            else if (image.Url is { } url && options?.ResponseFormat == ImageGenerationResponseFormat.Data && _downloader is not null)
            {
                Flux2FetchedImage fetched = await _downloader.FetchResultAsync(url, result.Provider, cancellationToken).ConfigureAwait(false);
                contents.Add(new DataContent(fetched.Bytes, fetched.ContentType) { RawRepresentation = image });
            }
            else if (image.Url is { } url2)
            {
                contents.Add(new UriContent(url2, mediaType) { RawRepresentation = image });
            }
        }

        return new ImageGenerationResponse(contents) { RawRepresentation = result };
    }

    /// <inheritdoc/>
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        if (serviceType == typeof(ImageGeneratorMetadata))
        {
            Flux2ClientOptions options = _options.Value;
            Flux2ProviderInfo? provider = options.Provider is { } name ? Flux2Providers.Find(name) : null;
            Uri? uri = provider is null ? null : options.GetProviderOrDefault(provider.Name).BaseUrl ?? provider.DefaultBaseUrl;
            return new ImageGeneratorMetadata(provider is null ? "flux2" : $"flux2-{provider.Name}", uri, options.Model);
        }

        if (serviceType.IsInstanceOfType(this))
        {
            return this;
        }

        return serviceType.IsInstanceOfType(_client) ? _client : null;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        // The caller is owned by the container.
    }

    /// <summary>Maps an MEAI request and options to a normalized FLUX.2 request.</summary>
    /// <exception cref="Flux2Exception"><see cref="Flux2ErrorKind.InvalidArgument"/> for an original image that is neither bytes nor a URL, or an additional property of the wrong type.</exception>
    internal static Flux2ImageRequest ToFlux2Request(ImageGenerationRequest request, ImageGenerationOptions? options)
    {
        var flux = new Flux2ImageRequest { Prompt = request.Prompt ?? "" };
        if (request.OriginalImages is { } originals)
        {
            foreach (AIContent content in originals)
            {
                flux.ReferenceImages.Add(content switch
                {
                    DataContent data => data.Uri,
                    UriContent uri => uri.Uri.ToString(),
                    _ => throw new Flux2Exception(Flux2ErrorKind.InvalidArgument, $"an original image of type {content.GetType().Name} cannot be used; pass a DataContent (bytes) or UriContent (http(s) URL).") { Parameter = "reference_images" },
                });
            }
        }

        if (options is null)
        {
            return flux;
        }

        flux.NumImages = options.Count;
        flux.Model = options.ModelId;
        if (options.ImageSize is { } size)
        {
            flux.Size = string.Create(CultureInfo.InvariantCulture, $"{size.Width}x{size.Height}");
        }

        if (options.MediaType is { } mediaType)
        {
            flux.OutputFormat = mediaType.ToLowerInvariant() switch
            {
                "image/png" => Flux2OutputFormats.Png,
                "image/jpeg" or "image/jpg" => Flux2OutputFormats.Jpeg,
                "image/webp" => Flux2OutputFormats.Webp,
                _ => throw new Flux2Exception(Flux2ErrorKind.InvalidArgument, $"MediaType '{mediaType}' is not supported; allowed: image/png, image/jpeg, image/webp.") { Parameter = "output_format" },
            };
        }

        if (options.AdditionalProperties is { Count: > 0 } extra)
        {
            var passThrough = new AdditionalPropertiesDictionary();
            foreach (KeyValuePair<string, object?> pair in extra)
            {
                switch (pair.Key.ToLowerInvariant())
                {
                    case "seed":
                        flux.Seed = ToLong(pair);
                        break;
                    case "guidance_scale" or "guidance":
                        flux.GuidanceScale = ToDouble(pair);
                        break;
                    case "num_inference_steps" or "steps":
                        flux.Steps = (int?)ToLong(pair);
                        break;
                    case "safety_tolerance":
                        flux.SafetyTolerance = (int?)ToLong(pair);
                        break;
                    case "provider":
                        flux.Provider = pair.Value?.ToString();
                        break;
                    case "size" or "image_size":
                        flux.Size = pair.Value?.ToString();
                        break;
                    case "output_format":
                        flux.OutputFormat = pair.Value?.ToString();
                        break;
                    default:
                        passThrough[pair.Key] = pair.Value;
                        break;
                }
            }

            flux.AdditionalProperties = passThrough.Count > 0 ? passThrough : null;
        }

        return flux;
    }

    private static long? ToLong(KeyValuePair<string, object?> pair) => pair.Value switch
    {
        null => null,
        long l => l,
        int i => i,
        short s => s,
        double d when d == Math.Floor(d) => (long)d,
        decimal m when m == decimal.Floor(m) => (long)m,
        string text when long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long parsed) => parsed,
        JsonElement { ValueKind: JsonValueKind.Number } json when json.TryGetInt64(out long parsed) => parsed,
        _ => throw WrongType(pair.Key, "an integer"),
    };

    private static double? ToDouble(KeyValuePair<string, object?> pair) => pair.Value switch
    {
        null => null,
        double d => d,
        float f => f,
        decimal m => (double)m,
        long l => l,
        int i => i,
        string text when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed) => parsed,
        JsonElement { ValueKind: JsonValueKind.Number } json => json.GetDouble(),
        _ => throw WrongType(pair.Key, "a number"),
    };

    private static Flux2Exception WrongType(string key, string expected) =>
        new(Flux2ErrorKind.InvalidArgument, $"AdditionalProperties[\"{key}\"] must be {expected}.") { Parameter = key };
}
