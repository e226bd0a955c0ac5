using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Flux2.Client;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Flux2.Agents;

/// <summary>
/// The tool core shared by every surface: validates the tool arguments, calls the FLUX.2 caller, keeps every image in the
/// <see cref="IFlux2ImageStore"/> (fetched right after generation, so ids outlive provider URLs), saves files into the output
/// directory, and returns face-neutral results. Failures are <see cref="Flux2Exception"/>s; render them with <see cref="Flux2ToolError.From"/>.
/// </summary>
public sealed class Flux2ImageTools
{
    private readonly IFlux2Client _client;
    private readonly IFlux2Downloader _downloader;
    private readonly Flux2ImagePreviewer _previewer;
    private readonly Flux2ToolsOptions _options;
    private readonly Flux2ClientOptions _clientOptions;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly Flux2OutputRetention? _retention;
    private Flux2ToolFunction[]? _functions;

    /// <summary>Creates the tool core; <paramref name="retention"/>, when given, is told about every file it saves.</summary>
    public Flux2ImageTools(
        IFlux2Client client,
        IFlux2Downloader downloader,
        IFlux2ImageStore store,
        Flux2ImagePreviewer previewer,
        IOptions<Flux2ToolsOptions> options,
        IOptions<Flux2ClientOptions> clientOptions,
        ILogger<Flux2ImageTools>? logger = null,
        TimeProvider? timeProvider = null,
        Flux2OutputRetention? retention = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(downloader);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(previewer);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clientOptions);
        _client = client;
        _downloader = downloader;
        Store = store;
        _previewer = previewer;
        _options = options.Value;
        _clientOptions = clientOptions.Value;
        _logger = logger ?? NullLogger<Flux2ImageTools>.Instance;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _retention = retention;
    }

    /// <summary>The images generated so far, by id (this process's, or a shared store's).</summary>
    public IFlux2ImageStore Store { get; }

    /// <summary>The tool settings.</summary>
    public Flux2ToolsOptions Options => _options;

    /// <summary>
    /// The tools as <see cref="AIFunction"/>s, <c>generate_image</c> then <c>download_image</c>: hand them to an Agent Framework
    /// <c>ChatClientAgent</c>, a <c>ChatOptions.Tools</c> list of any <c>IChatClient</c>, or a Semantic Kernel plugin. Each face shows
    /// the same names, descriptions and schemas, made once from <see cref="Flux2GenerateImageInput"/> and <see cref="Flux2DownloadImageInput"/>.
    /// </summary>
    public IReadOnlyList<AIFunction> AsAIFunctions(Flux2ToolFunctionOptions? options = null)
    {
        var functions = _functions ??= [
            new Flux2ToolFunction(Flux2ToolNames.GenerateImage, Flux2ToolDescriptions.GenerateImage,
                Flux2ToolSchemas.GenerateImageInput, Flux2ToolSchemas.GenerateImageOutput,
                async (arguments, progress, cancellationToken) => await GenerateImageAsync(
                    Flux2ToolArguments.Bind<Flux2GenerateImageInput>(arguments, Flux2ToolSchemas.GenerateImageInput), progress, cancellationToken).ConfigureAwait(false),
                _logger,
                (arguments, cancellationToken) => EstimateAsync(
                    Flux2ToolArguments.Bind<Flux2GenerateImageInput>(arguments, Flux2ToolSchemas.GenerateImageInput), cancellationToken)),
            new Flux2ToolFunction(Flux2ToolNames.DownloadImage, Flux2ToolDescriptions.DownloadImage,
                Flux2ToolSchemas.DownloadImageInput, Flux2ToolSchemas.DownloadImageOutput,
                async (arguments, _, cancellationToken) => await DownloadImageAsync(
                    Flux2ToolArguments.Bind<Flux2DownloadImageInput>(arguments, Flux2ToolSchemas.DownloadImageInput), cancellationToken).ConfigureAwait(false),
                _logger),
        ];
        return options?.RequireApprovalForDownload is true
            ? [functions[0], new ApprovalRequiredAIFunction(functions[1])]
            : functions;
    }

    /// <summary>Generates images, stores each under an id, saves them (unless configured off) and describes the result.</summary>
    /// <exception cref="Flux2Exception">Invalid arguments (nothing sent) or the provider's failure, typed.</exception>
    public async Task<Flux2GenerateImageOutput> GenerateImageAsync(
        Flux2GenerateImageInput input, IProgress<Flux2Progress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        long started = Stopwatch.GetTimestamp();
        var request = await CreateRequestAsync(input, progress, cancellationToken).ConfigureAwait(false);
        var result = await _client.GenerateAsync(request, cancellationToken).ConfigureAwait(false);

        var warnings = new List<string>(result.Warnings);
        string fallbackType = Flux2OutputFormats.ContentType(request.OutputFormat ?? Flux2OutputFormats.Jpeg);
        // Fetching and saving the images gets what is left of the call's TotalTimeout; an image cut off keeps its provider URL.
        using var deadline = Flux2Deadline.After(result, _timeProvider, cancellationToken);
        var kept = await Task.WhenAll(result.Images.Select((image, index) =>
            KeepAsync(image, index, result.Images.Count, fallbackType, result.Provider, deadline))).ConfigureAwait(false);
        foreach (var (_, warning) in kept)
        {
            if (warning is not null)
            {
                warnings.Add(warning);
            }
        }

        return new Flux2GenerateImageOutput
        {
            Images = [.. kept.Select(k => k.Image)],
            Seed = result.Seed,
            Provider = result.Provider,
            Model = result.Model,
            RevisedPrompt = result.RevisedPrompt,
            Grounding = result.Grounding,
            RequestId = result.RequestId,
            Timings = new Flux2ToolTimings
            {
                QueueMs = result.Timings.Queue?.TotalMilliseconds,
                InferenceMs = result.Timings.Inference?.TotalMilliseconds,
                TotalMs = Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 1),
            },
            Cost = new Flux2ToolCost
            {
                EstimatedUsd = result.Cost.EstimatedUsd,
                ActualUsd = result.Cost.ActualUsd,
                ProviderReported = result.Cost.ProviderReported,
            },
            Moderation = result.Moderation is { } m ? new Flux2ToolModeration { FilteredCount = m.FilteredCount, Reasons = m.Reasons } : null,
            Warnings = warnings,
            Simulated = result.Simulated,
            Note = result.Note,
        };
    }

    /// <summary>What a generate_image call would make and cost, worked out without sending anything; null when the caller cannot tell.</summary>
    /// <exception cref="Flux2Exception">Invalid arguments, or a request the provider cannot serve.</exception>
    public async Task<Flux2CostEstimate?> EstimateAsync(Flux2GenerateImageInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var request = await CreateRequestAsync(input, progress: null, cancellationToken).ConfigureAwait(false);
        return await _client.EstimateAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Saves an image from an http(s) URL or a stored id into the output directory, atomically and behind the download guards. With
    /// <see cref="Flux2ToolsOptions.SaveDownloads"/> off nothing is written: the image is fetched into the image store (a stored id
    /// stays where it is) and the result names its <c>flux2://images/{id}</c> instead of a path.
    /// </summary>
    /// <exception cref="Flux2Exception"><see cref="Flux2ErrorKind.DownloadRefused"/> for a guard; network and expiry kinds otherwise.</exception>
    public async Task<Flux2DownloadImageOutput> DownloadImageAsync(Flux2DownloadImageInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        string url = input.Url?.Trim() ?? "";
        if (url.Length == 0)
        {
            throw Invalid("url", "url is required: an http(s) URL or flux2://images/{id} of an image generated earlier.");
        }

        bool stored = url.StartsWith("flux2:", StringComparison.OrdinalIgnoreCase) || Flux2ImageUris.IsId(url);
        Uri? source = null;
        if (!stored)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out source))
            {
                throw Invalid("url", $"url '{Shorten(url)}' is neither an http(s) URL nor flux2://images/{{id}}.");
            }

            if (source.Scheme != Uri.UriSchemeHttp && source.Scheme != Uri.UriSchemeHttps)
            {
                throw new Flux2Exception(Flux2ErrorKind.DownloadRefused,
                    $"The scheme '{source.Scheme}' is refused: url must be http(s) or flux2://images/{{id}}.")
                { Parameter = "url" };
            }
        }

        if (!_options.SaveDownloads)
        {
            return await HandBackAsync(url, source, input.Path, cancellationToken).ConfigureAwait(false);
        }

        // A path the caller names decides the format (converted when the bytes differ); a name made here follows the bytes.
        string? path = string.IsNullOrWhiteSpace(input.Path) ? null : input.Path.Trim();
        Flux2SavedFile saved;
        string? warning = null;
        string? uri = null;
        if (source is null)
        {
            var image = await GetStoredImageAsync(url, "url", cancellationToken).ConfigureAwait(false);
            (saved, warning) = path is null
                ? (await _downloader.SaveAsync(image.Data, image.Id + ImageSniffer.Extension(image.ContentType), input.Overwrite, cancellationToken).ConfigureAwait(false), null)
                : await Flux2ImageFiles.SaveAsync(_downloader, image.Data, path, input.Overwrite, cancellationToken).ConfigureAwait(false);
            url = uri = image.Uri;
        }
        else
        {
            (saved, warning) = path is null
                ? (await _downloader.DownloadAsync(source, NameFromUrl(source) ?? "download-" + Flux2ImageUris.NewId(), input.Overwrite, cancellationToken).ConfigureAwait(false), null)
                : await Flux2ImageFiles.DownloadAsync(_downloader, source, path, input.Overwrite, cancellationToken).ConfigureAwait(false);
        }

        _retention?.Track(saved);
        return new Flux2DownloadImageOutput
        {
            Path = saved.Path,
            Uri = uri,
            Bytes = saved.Bytes,
            ContentType = saved.ContentType,
            Width = saved.Width,
            Height = saved.Height,
            Sha256 = saved.Sha256,
            C2pa = saved.ContentCredentials,
            Source = url,
            Warnings = warning is null ? [] : [warning],
        };
    }

    /// <summary>A preview of a stored image within the configured budgets (or the given ones); null when previews are off or it cannot be made.</summary>
    public async Task<Flux2ImagePreview?> CreatePreviewAsync(
        string idOrUri, int? maxBase64Bytes = null, int? maxLongSide = null, CancellationToken cancellationToken = default)
    {
        if (!_options.Previews)
        {
            return null;
        }

        Flux2StoredImage? image;
        try
        {
            image = await Store.GetAsync(idOrUri, cancellationToken).ConfigureAwait(false);
        }
        catch (Flux2Exception ex)
        {
            _logger.LogWarning("Could not read image {Id} for a preview: {Message}", idOrUri, ex.Message);
            return null;
        }

        if (image is null)
        {
            return null;
        }

        try
        {
            return _previewer.Create(image.Data, maxBase64Bytes, maxLongSide);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.LogWarning("Could not make a preview of image {Id}: {Message}", image.Id, ex.Message);
            return null;
        }
    }

    /// <summary>The capability matrix (which provider serves which model, with which limits) as JSON.</summary>
    public string GetModelsJson() =>
        JsonSerializer.Serialize(_client.Capabilities, Flux2AgentsJsonContext.Default.IReadOnlyListFlux2ModelCapabilities);

    /// <summary>Finds a stored image by id or flux2://images/{id}.</summary>
    /// <exception cref="Flux2Exception"><see cref="Flux2ErrorKind.InvalidArgument"/> naming what to do when the id is unknown; the store's error when it cannot be read.</exception>
    public async Task<Flux2StoredImage> GetStoredImageAsync(string idOrUri, string parameter = "url", CancellationToken cancellationToken = default)
    {
        if (!Flux2ImageUris.TryGetId(idOrUri, out _))
        {
            throw Invalid(parameter, $"'{Shorten(idOrUri)}' is not an image id: use flux2://images/{{id}} with the id a generate_image result returned.");
        }

        return await Store.GetAsync(idOrUri, cancellationToken).ConfigureAwait(false)
            ?? throw Invalid(parameter,
                $"No stored image '{Shorten(idOrUri)}': ids are kept {Store.Retention}; generate the image again or pass its URL or saved path.");
    }

    /// <summary>
    /// The request for a tool call. The rules (ranges, names, counts) and their wording are the planner's, checked here before any
    /// local file is read, and again by the caller; only what the tools add (local files, stored ids) is resolved here.
    /// </summary>
    private async Task<Flux2ImageRequest> CreateRequestAsync(Flux2GenerateImageInput input, IProgress<Flux2Progress>? progress, CancellationToken cancellationToken)
    {
        var request = new Flux2ImageRequest
        {
            Prompt = input.Prompt?.Trim() ?? "",
            Model = input.Model,
            Size = input.Size,
            Resolution = input.Resolution,
            Layout = [.. (input.Layout ?? []).Select(box => new Flux2LayoutBox(box?.Label ?? "", box?.Box is { } edges ? [.. edges] : [], box?.Description))],
            Grounding = input.Grounding,
            Mode = input.Mode,
            NumImages = input.NumImages,
            Seed = input.Seed,
            GuidanceScale = input.GuidanceScale,
            Steps = input.NumInferenceSteps,
            OutputFormat = input.OutputFormat,
            SafetyTolerance = input.SafetyTolerance,
            ReferenceImages = [.. input.ReferenceImages ?? []],
            Loras = [.. (input.Loras ?? []).Select(lora => new Flux2Lora(lora?.Path?.Trim() ?? "", lora?.Scale ?? 1.0))],
            Provider = input.Provider,
            Progress = progress,
        };
        Flux2RequestPlanner.Validate(request, _clientOptions.Model, referencesResolved: false);
        for (int i = 0; i < request.ReferenceImages.Count; i++)
        {
            request.ReferenceImages[i] = await ResolveReferenceAsync(request.ReferenceImages[i], i, cancellationToken).ConfigureAwait(false);
        }

        return request;
    }

    private async Task<string> ResolveReferenceAsync(string? value, int index, CancellationToken cancellationToken)
    {
        string text = value?.Trim() ?? "";
        string which = $"reference_images[{index}]";
        if (text.Length == 0)
        {
            throw Invalid("reference_images", $"{which} is empty; give an http(s) URL, a local file path or flux2://images/{{id}}.");
        }

        if (text.StartsWith("data:image/", StringComparison.OrdinalIgnoreCase))
        {
            return text;
        }

        if (text.StartsWith("flux2:", StringComparison.OrdinalIgnoreCase))
        {
            return ToDataUri(await GetStoredImageAsync(text, "reference_images", cancellationToken).ConfigureAwait(false));
        }

        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme.Length > 1)
        {
            if (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            {
                return uri.AbsoluteUri;
            }

            if (uri.IsFile)
            {
                return await ReadLocalReferenceAsync(uri.LocalPath, which, cancellationToken).ConfigureAwait(false);
            }

            throw Invalid("reference_images", $"{which} has the scheme '{uri.Scheme}'; use an http(s) URL, a local file path or flux2://images/{{id}}.");
        }

        if (Flux2ImageUris.IsId(text) && await Store.GetAsync(text, cancellationToken).ConfigureAwait(false) is { } stored)
        {
            return ToDataUri(stored);
        }

        return await ReadLocalReferenceAsync(text, which, cancellationToken).ConfigureAwait(false);
    }

    private async Task<string> ReadLocalReferenceAsync(string path, string which, CancellationToken cancellationToken)
    {
        // The one path guard: symbolic links resolved, so a link inside an allowed folder cannot lead to a file anywhere else.
        string outputDirectory = Path.GetFullPath(_clientOptions.OutputDirectory);
        string full = Flux2LocalFiles.ResolveForReading(
            path, [outputDirectory, .. _options.AllowedRoots.Where(r => !string.IsNullOrWhiteSpace(r)).Select(Path.GetFullPath)], outputDirectory, "reference_images", which);

        var info = new FileInfo(full);
        if (!info.Exists)
        {
            throw Invalid("reference_images", $"{which} '{path}' does not exist (and is not a URL or a known image id).");
        }

        if (info.Length > _options.MaxReferenceImageBytes)
        {
            throw Invalid("reference_images", $"{which} '{path}' is {info.Length} bytes; at most {_options.MaxReferenceImageBytes} bytes.");
        }

        byte[] data = await File.ReadAllBytesAsync(full, cancellationToken).ConfigureAwait(false);
        string? contentType = ImageSniffer.ContentType(data);
        if (contentType is null or "image/gif")
        {
            throw Invalid("reference_images", $"{which} '{path}' is not a PNG, JPEG or WebP image.");
        }

        return $"data:{contentType};base64,{Convert.ToBase64String(data)}";
    }

    private async Task<(Flux2ToolImage Image, string? Warning)> KeepAsync(
        Flux2Image image, int index, int count, string fallbackType, string provider, Flux2Deadline deadline)
    {
        CancellationToken cancellationToken = deadline.Token;
        string id = Flux2ImageUris.NewId();
        string label = count > 1 ? $"image {index + 1}" : "the image";
        try
        {
            ReadOnlyMemory<byte> data;
            Flux2SavedFile? saved = null;
            string name = $"flux2-{DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}-{id}";
            if (image.Data is { } inline)
            {
                data = inline;
                if (_options.SaveImages)
                {
                    string ext = ImageSniffer.Extension(ImageSniffer.ContentType(inline.Span) ?? image.ContentType ?? fallbackType);
                    saved = await _downloader.SaveAsync(inline, name + ext, overwrite: false, cancellationToken).ConfigureAwait(false);
                    _retention?.Track(saved);
                }
            }
            else if (image.Url is { } url)
            {
                // Fetched into memory once (with the download guards): the store keeps it, and the file is named by
                // what the bytes are, not by what the provider said they would be.
                var fetched = await _downloader.FetchResultAsync(url, provider, cancellationToken).ConfigureAwait(false);
                data = fetched.Bytes;
                if (_options.SaveImages)
                {
                    saved = await _downloader.SaveAsync(data, name + ImageSniffer.Extension(fetched.ContentType), overwrite: false, cancellationToken).ConfigureAwait(false);
                    _retention?.Track(saved);
                }
            }
            else
            {
                return (new Flux2ToolImage(), $"{label}: the provider returned neither a URL nor bytes.");
            }

            string contentType = saved?.ContentType ?? ImageSniffer.ContentType(data.Span) ?? image.ContentType ?? fallbackType;
            var (width, height) = saved is { Width: not null, Height: not null }
                ? (saved.Width, saved.Height)
                : ImageSniffer.Dimensions(data);
            var stored = new Flux2StoredImage { Id = id, Data = data, ContentType = contentType, Width = width ?? image.Width, Height = height ?? image.Height };
            string? notKept = null;
            try
            {
                await Store.AddAsync(stored, cancellationToken).ConfigureAwait(false);
            }
            catch (Flux2Exception ex)
            {
                // The image exists (and may be saved): say so, without an id that no replica could resolve.
                _logger.LogWarning("Could not keep {Label} in the image store: {Message}", label, ex.Message);
                notKept = $"{label} has no flux2://images id ({ex.Message}); use its {(saved is null ? "provider URL before it expires" : "saved path")}.";
            }

            return (new Flux2ToolImage
            {
                Id = notKept is null ? stored.Id : null,
                Uri = notKept is null ? stored.Uri : null,
                Url = image.Url?.AbsoluteUri,
                UrlExpiresAt = image.ExpiresAt,
                Path = saved?.Path,
                Width = stored.Width,
                Height = stored.Height,
                ContentType = stored.ContentType,
                Bytes = data.Length,
                Seed = image.Seed,
                C2pa = Flux2ContentCredentials.HasManifest(data.Span),
            }, notKept);
        }
        catch (Exception failure) when (failure is Flux2Exception || (failure is OperationCanceledException && deadline.HasExpired))
        {
            var ex = failure as Flux2Exception ?? deadline.CreateTimeout($"keeping {label}", innerException: failure);
            _logger.LogWarning("Could not keep {Label}: {Message}", label, ex.Message);
            return (new Flux2ToolImage
            {
                Url = image.Url?.AbsoluteUri,
                UrlExpiresAt = image.ExpiresAt,
                Width = image.Width,
                Height = image.Height,
                ContentType = image.ContentType,
                Seed = image.Seed,
            }, $"{label} could not be fetched or saved ({ex.Message}); use its provider URL before it expires.");
        }
    }

    /// <summary>download_image with saving off: the image in the store (fetched into it from a URL, behind the same guards), no file.</summary>
    private async Task<Flux2DownloadImageOutput> HandBackAsync(string url, Uri? source, string? path, CancellationToken cancellationToken)
    {
        Flux2StoredImage image;
        if (source is null)
        {
            image = await GetStoredImageAsync(url, "url", cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var fetched = await _downloader.FetchAsync(source, cancellationToken).ConfigureAwait(false);
            image = new Flux2StoredImage
            {
                Id = Flux2ImageUris.NewId(),
                Data = fetched.Bytes,
                ContentType = fetched.ContentType,
                Width = fetched.Width,
                Height = fetched.Height,
            };
            await Store.AddAsync(image, cancellationToken).ConfigureAwait(false);
        }

        string named = string.IsNullOrWhiteSpace(path) ? "" : $" (path '{Shorten(path.Trim())}' is not used here: save it under that name on your side)";
        return new Flux2DownloadImageOutput
        {
            Uri = image.Uri,
            Bytes = image.Data.Length,
            ContentType = image.ContentType,
            Width = image.Width,
            Height = image.Height,
            Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(image.Data.Span)),
            C2pa = Flux2ContentCredentials.HasManifest(image.Data.Span),
            Source = source is null ? image.Uri : url,
            Note = $"Not saved as a file: this server keeps no files for its users (Flux2:Tools:SaveDownloads is off). The image is {image.Uri}, "
                + $"kept {Store.Retention}; read that resource to get its bytes{named}.",
        };
    }

    private static string? NameFromUrl(Uri uri)
    {
        string name = Path.GetFileName(Uri.UnescapeDataString(uri.AbsolutePath));
        return name.Length is > 0 and <= 128 && ImageSniffer.ContentTypeOfExtension(Path.GetExtension(name)) is not null
            && name.IndexOfAny(Path.GetInvalidFileNameChars()) < 0
            ? name
            : null;
    }

    private static string ToDataUri(Flux2StoredImage image) =>
        $"data:{image.ContentType};base64,{Convert.ToBase64String(image.Data.Span)}";

    private static string Shorten(string? value) =>
        value is null ? "" : value.Length <= 80 ? value : value[..77] + "...";

    private static Flux2Exception Invalid(string parameter, string message) =>
        new(Flux2ErrorKind.InvalidArgument, message) { Parameter = parameter };
}
