using System.Globalization;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace Flux2.Client;

/// <summary>
/// Microsoft.Extensions.AI <see cref="IImageGenerator"/> over <see cref="IFlux2Client"/>, so any MEAI pipeline
/// (<c>UseLogging</c>, <c>UseOpenTelemetry</c>) can wrap FLUX. Options map as follows: Count to num_images, ImageSize to
/// WIDTHxHEIGHT, MediaType to output_format, ModelId to the model; AdditionalProperties are read by
/// <see cref="Flux2RequestSettings"/> (seed, guidance_scale, num_inference_steps, safety_tolerance, provider, size, ...), and other
/// entries are sent to the provider as they are. OriginalImages become reference images. Results are <see cref="UriContent"/> where
/// the provider returned a URL, unless ResponseFormat asks for Data: then the image is fetched (with the download guards, within what
/// is left of the call's TotalTimeout, <see cref="Flux2ImageResult.Deadline"/>). Each
/// content carries the seed, provider, model, request id, size, cost, warnings and whether it was simulated in its
/// <see cref="AIContent.AdditionalProperties"/>, and the provider's image as its <see cref="AIContent.RawRepresentation"/>.
/// </summary>
public sealed class Flux2ImageGenerator : IImageGenerator
{
    private readonly IFlux2Client _client;
    private readonly IOptions<Flux2ClientOptions> _options;
    private readonly IFlux2Downloader? _downloader;
    private readonly TimeProvider _timeProvider;

    /// <summary>
    /// Creates the generator over a caller; the downloader fetches bytes when a request asks for Data, within the call's deadline
    /// counted on <paramref name="timeProvider"/> (the caller's clock; the system clock when null).
    /// </summary>
    public Flux2ImageGenerator(IFlux2Client client, IOptions<Flux2ClientOptions> options, IFlux2Downloader? downloader = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        _client = client;
        _options = options;
        _downloader = downloader;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc/>
    public async Task<ImageGenerationResponse> GenerateAsync(ImageGenerationRequest request, ImageGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Flux2ImageRequest flux = ToFlux2Request(request, options);
        Flux2ImageResult result = await _client.GenerateAsync(flux, cancellationToken).ConfigureAwait(false);
        using var deadline = Flux2Deadline.After(result, _timeProvider, cancellationToken);
        var contents = new List<AIContent>(result.Images.Count);
        foreach (Flux2Image image in result.Images)
        {
            string mediaType = image.ContentType ?? (flux.OutputFormat is { } f ? Flux2OutputFormats.ContentType(f) : "image/png");
            AIContent content;
            if (image.Data is { } data)
            {
                content = new DataContent(data, mediaType);
            }
            else if (image.Url is { } url && options?.ResponseFormat == ImageGenerationResponseFormat.Data && _downloader is not null)
            {
                Flux2FetchedImage fetched;
                try
                {
                    fetched = await _downloader.FetchResultAsync(url, result.Provider, deadline.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException ex) when (deadline.HasExpired)
                {
                    throw deadline.CreateTimeout($"downloading the images from {result.Provider}", "The images stay at their provider URLs until they expire.", ex);
                }

                content = new DataContent(fetched.Bytes, fetched.ContentType);
            }
            else if (image.Url is { } uri)
            {
                content = new UriContent(uri, mediaType);
            }
            else
            {
                continue;
            }

            content.RawRepresentation = image;
            content.AdditionalProperties = Describe(result, image);
            contents.Add(content);
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

    /// <summary>Maps an MEAI request and options to a normalized request (the rules are the planner's, checked when it is sent).</summary>
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
                _ => throw new Flux2Exception(Flux2ErrorKind.InvalidArgument, $"MediaType '{mediaType}' is unknown; allowed: image/png, image/jpeg, image/webp.") { Parameter = "output_format" },
            };
        }

        flux.AdditionalProperties = Flux2RequestSettings.Apply(flux, options.AdditionalProperties);
        return flux;
    }

    /// <summary>What a result says about one image, as the content's additional properties.</summary>
    private static AdditionalPropertiesDictionary Describe(Flux2ImageResult result, Flux2Image image) => new()
    {
        ["seed"] = image.Seed ?? result.Seed,
        ["provider"] = result.Provider,
        ["model"] = result.Model,
        ["revised_prompt"] = result.RevisedPrompt,
        ["grounding"] = result.Grounding,
        ["request_id"] = result.RequestId,
        ["width"] = image.Width,
        ["height"] = image.Height,
        ["estimated_cost_usd"] = result.Cost.EstimatedUsd,
        ["actual_cost_usd"] = result.Cost.ActualUsd,
        ["warnings"] = result.Warnings,
        ["simulated"] = result.Simulated,
    };
}
