using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Flux2.Client;

/// <summary>
/// The safe downloader: guarded http(s) (and data:) sources, redirects followed by hand with the guards re-checked
/// at each hop, the body streamed in constant memory to a temp file beside the target, size-capped, hashed,
/// checked to be an image, then renamed atomically inside the output directory.
/// </summary>
internal sealed class Flux2Downloader : IFlux2Downloader
{
    /// <summary>The copy buffer: below the large-object heap, rented from the shared pool.</summary>
    internal const int BufferSize = 81920;

    private const int ErrorSnippetBytes = 4096;

    private readonly IHttpClientFactory _httpClientFactory;
    private readonly IOptionsMonitor<Flux2ClientOptions> _options;
    private readonly Flux2GuardedConnector _connector;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates the downloader; <paramref name="timeProvider"/> (default: the system clock) decides whether a signed URL has expired.</summary>
    public Flux2Downloader(
        IHttpClientFactory httpClientFactory,
        IOptionsMonitor<Flux2ClientOptions> options,
        Flux2GuardedConnector connector,
        ILogger<Flux2Downloader>? logger = null,
        TimeProvider? timeProvider = null)
    {
        _httpClientFactory = httpClientFactory;
        _options = options;
        _connector = connector;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    private Flux2ClientOptions Options => _options.CurrentValue;

    /// <inheritdoc />
    public string ResolvePath(string path) => ResolveTarget(path).FullPath;

    /// <inheritdoc />
    public async Task<Flux2SavedFile> DownloadAsync(Uri source, string path, bool overwrite = false, CancellationToken cancellationToken = default)
    {
        RequireAbsolute(source);

        var download = Options.Download;
        if (string.Equals(source.Scheme, "data", StringComparison.OrdinalIgnoreCase))
        {
            var (bytes, _) = Flux2DataUri.Decode(source.OriginalString, download.MaxBytes);
            return await SaveAsync(bytes, path, overwrite, cancellationToken).ConfigureAwait(false);
        }

        CheckHttpUrl(source);
        var target = ResolveTarget(path);
        if (target.HasExtension && !overwrite && Flux2PathGuard.Exists(target.RealPath))
        {
            // Checked before any byte is fetched, so no (paid) bandwidth is spent on a save that would be refused.
            throw Flux2DownloadErrors.Exists(target.FullPath);
        }

        var host = source.IdnHost;
        var started = Stopwatch.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(download.Timeout);
        try
        {
            var saved = await DownloadCoreAsync(source, target, overwrite, download, timeout.Token).ConfigureAwait(false);
            Flux2DownloadLog.Downloaded(_logger, saved.Bytes, saved.ContentType, host, saved.Path, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return saved;
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            Flux2DownloadLog.Failed(_logger, host, Flux2ErrorKind.Timeout, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw TimedOut(host, download.Timeout, ex);
        }
        catch (Flux2Exception ex)
        {
            Flux2DownloadLog.Failed(_logger, host, ex.Kind, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
    }

    /// <inheritdoc />
    public Task<Flux2FetchedImage> FetchAsync(Uri source, CancellationToken cancellationToken = default) =>
        FetchCoreAsync(source, resultOf: null, cancellationToken);

    /// <inheritdoc />
    public async Task<Flux2FetchedImage> FetchResultAsync(Uri source, string provider, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(provider);
        try
        {
            return await FetchCoreAsync(source, provider, cancellationToken).ConfigureAwait(false);
        }
        catch (Flux2Exception ex) when (ex.Kind == Flux2ErrorKind.DownloadRefused)
        {
            // The URL came from the provider, not from the caller: a guard's refusal is the provider's bad result.
            throw Flux2DownloadErrors.ResultRefused(provider, ex);
        }
    }

    private async Task<Flux2FetchedImage> FetchCoreAsync(Uri source, string? resultOf, CancellationToken cancellationToken)
    {
        RequireAbsolute(source);

        var download = Options.Download;
        if (string.Equals(source.Scheme, "data", StringComparison.OrdinalIgnoreCase))
        {
            var (decoded, declared) = Flux2DataUri.Decode(source.OriginalString, download.MaxBytes);
            return Describe(decoded, "the data URI", declared, resultOf);
        }

        CheckHttpUrl(source);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(download.Timeout);
        try
        {
            var client = _httpClientFactory.CreateClient(Flux2Http.DownloadClientName);
            using var response = await SendFollowingRedirectsAsync(client, source, download.MaxRedirects, timeout.Token).ConfigureAwait(false);
            var finalUri = response.RequestMessage?.RequestUri ?? source;
            await EnsureSuccessAsync(response, finalUri, timeout.Token).ConfigureAwait(false);
            var host = finalUri.IdnHost;
            if (response.Content.Headers.ContentLength is long declaredLength && declaredLength > download.MaxBytes)
            {
                throw Flux2DownloadErrors.TooLargeDownload(host, download.MaxBytes, declaredLength, resultOf);
            }

            var body = await ReadAsync(() => response.Content.ReadAsStreamAsync(timeout.Token), finalUri).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                using var memory = new MemoryStream();
                var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
                try
                {
                    while (await ReadAsync(() => body.ReadAsync(buffer.AsMemory(0, BufferSize), timeout.Token).AsTask(), finalUri).ConfigureAwait(false) is var read and > 0)
                    {
                        if (memory.Length + read > download.MaxBytes)
                        {
                            throw Flux2DownloadErrors.TooLargeDownload(host, download.MaxBytes, announced: null, resultOf);
                        }

                        memory.Write(buffer, 0, read);
                    }
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }

                return Describe(memory.GetBuffer().AsMemory(0, (int)memory.Length), $"the download from '{host}'", response.Content.Headers.ContentType?.MediaType, resultOf);
            }
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw TimedOut(source.IdnHost, download.Timeout, ex);
        }
    }

    private static void RequireAbsolute(Uri source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (!source.IsAbsoluteUri)
        {
            throw Flux2DownloadErrors.UrlRefused($"Refused a relative URL: give an absolute URL; only {Flux2DownloadErrors.AllowedSchemes} URLs can be downloaded.");
        }
    }

    private static Flux2Exception TimedOut(string host, TimeSpan timeout, Exception inner) =>
        new(Flux2ErrorKind.Timeout, $"The download from '{host}' did not finish within {timeout.TotalSeconds:0.#} s. Try again, or raise Flux2:Download:Timeout.", inner)
        { Parameter = "url" };

    private static Flux2FetchedImage Describe(ReadOnlyMemory<byte> bytes, string what, string? declared, string? resultOf)
    {
        var (format, dimensions) = Inspect(bytes, what, declared, resultOf);
        return new Flux2FetchedImage(bytes, format.ContentType, dimensions?.Width, dimensions?.Height);
    }

    /// <summary>The format by magic bytes (refusing what is not an image) and the dimensions from the header.</summary>
    private static (Flux2ImageFormat Format, (int Width, int Height)? Dimensions) Inspect(
        ReadOnlyMemory<byte> bytes, string what, string? declared, string? resultOf = null)
    {
        var format = Flux2ImageSniffer.Identify(bytes.Span[..Math.Min(bytes.Length, Flux2ImageSniffer.SniffLength)])
            ?? throw Flux2DownloadErrors.NotAnImage(what, declared, bytes.Length, bytes.Span, resultOf);
        using var view = MemoryMarshal.TryGetArray(bytes, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(bytes.ToArray(), writable: false);
        return (format, Flux2ImageSniffer.ReadDimensions(view, format));
    }

    /// <inheritdoc />
    public async Task<Flux2SavedFile> SaveAsync(ReadOnlyMemory<byte> bytes, string path, bool overwrite = false, CancellationToken cancellationToken = default)
    {
        var maxBytes = Options.Download.MaxBytes;
        var target = ResolveTarget(path);
        if (target.HasExtension && !overwrite && Flux2PathGuard.Exists(target.RealPath))
        {
            throw Flux2DownloadErrors.Exists(target.FullPath);
        }

        if (bytes.Length > maxBytes)
        {
            throw Flux2DownloadErrors.TooLarge("the image", maxBytes);
        }

        var (format, dimensions) = Inspect(bytes, "the bytes", declared: null);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes.Span));

        var tempPath = TempPathFor(target);
        try
        {
            var file = CreateTempFile(tempPath, target);
            await using (file.ConfigureAwait(false))
            {
                await WriteFileAsync(file, bytes, target, cancellationToken).ConfigureAwait(false);
            }

            var final = Commit(tempPath, target, format, overwrite);
            Flux2DownloadLog.Saved(_logger, bytes.Length, format.ContentType, final.FullPath);
            return new Flux2SavedFile
            {
                Path = final.FullPath,
                Bytes = bytes.Length,
                ContentType = format.ContentType,
                Width = dimensions?.Width,
                Height = dimensions?.Height,
                Sha256 = sha256,
                ContentCredentials = Flux2ContentCredentials.HasManifest(bytes.Span),
            };
        }
        catch
        {
            TryDelete(tempPath);
            throw;
        }
    }

    private async Task<Flux2SavedFile> DownloadCoreAsync(
        Uri source, Flux2OutputPath target, bool overwrite, Flux2DownloadOptions download, CancellationToken cancellationToken)
    {
        var client = _httpClientFactory.CreateClient(Flux2Http.DownloadClientName);
        using var response = await SendFollowingRedirectsAsync(client, source, download.MaxRedirects, cancellationToken).ConfigureAwait(false);
        var finalUri = response.RequestMessage?.RequestUri ?? source;
        await EnsureSuccessAsync(response, finalUri, cancellationToken).ConfigureAwait(false);

        var declaredType = response.Content.Headers.ContentType?.MediaType;
        if (response.Content.Headers.ContentLength is long declaredLength && declaredLength > download.MaxBytes)
        {
            throw Flux2DownloadErrors.TooLargeDownload(finalUri.IdnHost, download.MaxBytes, declaredLength);
        }

        var tempPath = TempPathFor(target);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            Flux2ImageFormat? format = null;
            (int Width, int Height)? dimensions;
            bool credentials;
            long total = 0;
            byte[] sha256;
            var file = CreateTempFile(tempPath, target);
            await using (file.ConfigureAwait(false))
            {
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                var head = new byte[Flux2ImageSniffer.SniffLength];
                var headLength = 0;
                var body = await ReadAsync(() => response.Content.ReadAsStreamAsync(cancellationToken), finalUri).ConfigureAwait(false);
                await using (body.ConfigureAwait(false))
                {
                    while (true)
                    {
                        var read = await ReadAsync(() => body.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken).AsTask(), finalUri).ConfigureAwait(false);
                        if (read == 0)
                        {
                            break;
                        }

                        total += read;
                        if (total > download.MaxBytes)
                        {
                            throw Flux2DownloadErrors.TooLargeDownload(finalUri.IdnHost, download.MaxBytes, announced: null);
                        }

                        if (headLength < head.Length)
                        {
                            var take = Math.Min(read, head.Length - headLength);
                            buffer.AsSpan(0, take).CopyTo(head.AsSpan(headLength));
                            headLength += take;
                            if (headLength == head.Length)
                            {
                                // Refuse an error page as soon as its first bytes arrive, not after the whole body.
                                format = Flux2ImageSniffer.Identify(head)
                                    ?? throw Flux2DownloadErrors.NotAnImage($"the download from '{finalUri.IdnHost}'", declaredType, response.Content.Headers.ContentLength, head);
                            }
                        }

                        // The write goes out first and the hash runs while it is in flight: both only read the buffer,
                        // and the next network read into it waits for both.
                        var write = WriteFileAsync(file, buffer.AsMemory(0, read), target, cancellationToken);
                        hash.AppendData(buffer, 0, read);
                        await write.ConfigureAwait(false);
                    }
                }

                format ??= Flux2ImageSniffer.Identify(head.AsSpan(0, headLength))
                    ?? throw Flux2DownloadErrors.NotAnImage($"the download from '{finalUri.IdnHost}'", declaredType, total, head.AsSpan(0, headLength));
                // The store can sit anywhere in the container: its part headers are walked on the written file (no full read).
                credentials = Flux2ContentCredentials.HasManifest(file);
                file.Position = 0;
                using (var header = new BufferedStream(file, 4096))
                {
                    dimensions = Flux2ImageSniffer.ReadDimensions(header, format);
                }

                sha256 = hash.GetHashAndReset();
            }

            var final = Commit(tempPath, target, format, overwrite);
            return new Flux2SavedFile
            {
                Path = final.FullPath,
                Bytes = total,
                ContentType = format.ContentType,
                Width = dimensions?.Width,
                Height = dimensions?.Height,
                Sha256 = Convert.ToHexStringLower(sha256),
                ContentCredentials = credentials,
                Source = source,
            };
        }
        catch
        {
            TryDelete(tempPath);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task<HttpResponseMessage> SendFollowingRedirectsAsync(HttpClient client, Uri source, int maxRedirects, CancellationToken cancellationToken)
    {
        var current = source;
        for (var hop = 0; ; hop++)
        {
            CheckHttpUrl(current);
            using var request = new HttpRequestMessage(HttpMethod.Get, current);
            request.Headers.Accept.ParseAdd("image/png, image/jpeg, image/webp, image/*;q=0.8, */*;q=0.1");
            HttpResponseMessage response;
            try
            {
                response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException ex)
            {
                throw Translate(ex, current);
            }

            if (!IsRedirect(response.StatusCode))
            {
                return response;
            }

            var location = response.Headers.Location;
            response.Dispose();
            if (location is null)
            {
                throw new Flux2Exception(
                    Flux2ErrorKind.MalformedResponse,
                    $"'{current.IdnHost}' answered a redirect (HTTP {(int)response.StatusCode}) without a Location header.")
                { StatusCode = (int)response.StatusCode, Parameter = "url" };
            }

            if (hop >= maxRedirects)
            {
                throw Flux2DownloadErrors.UrlRefused(
                    $"Refused the download from '{source.IdnHost}': more than {maxRedirects} redirects. Raise Flux2:Download:MaxRedirects if they are expected.");
            }

            var next = location.IsAbsoluteUri ? location : new Uri(current, location);
            Flux2DownloadLog.Redirect(_logger, hop + 1, current.IdnHost, next.IsAbsoluteUri && next.IsFile ? "file" : SafeHost(next));
            current = next;
        }
    }

    private async Task EnsureSuccessAsync(HttpResponseMessage response, Uri uri, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var status = (int)response.StatusCode;
        var host = uri.IdnHost;
        switch (response.StatusCode)
        {
            case HttpStatusCode.NotFound or HttpStatusCode.Gone:
                throw Flux2DownloadErrors.Expired(host, status);
            case HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized:
                if (Flux2SignedUrlExpiry.ExpiresAt(uri) is { } expiresAt && expiresAt <= _timeProvider.GetUtcNow()
                    || await BodyMentionsExpiryAsync(response, cancellationToken).ConfigureAwait(false))
                {
                    throw Flux2DownloadErrors.Expired(host, status);
                }

                throw new Flux2Exception(
                    Flux2ErrorKind.PermissionDenied,
                    $"'{host}' refused the download (HTTP {status}). The URL may need a signature, or may not be meant to be fetched directly; download the image soon after generating it, or use its flux2://images/{{id}}.")
                { StatusCode = status, Parameter = "url" };
            case HttpStatusCode.TooManyRequests:
                throw new Flux2Exception(Flux2ErrorKind.RateLimited, $"'{host}' is rate limiting downloads (HTTP 429). Wait and try again.")
                {
                    StatusCode = status,
                    RetryAfter = response.Headers.RetryAfter?.Delta,
                    Parameter = "url",
                };
            default:
                throw new Flux2Exception(
                    Flux2ErrorKind.ProviderUnavailable,
                    $"'{host}' answered HTTP {status} {response.ReasonPhrase} instead of the image. Try again later, or check the URL.")
                { StatusCode = status, Parameter = "url" };
        }
    }

    private static async Task<bool> BodyMentionsExpiryAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                var buffer = new byte[ErrorSnippetBytes];
                var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                var text = System.Text.Encoding.UTF8.GetString(buffer, 0, read);
                return text.Contains("expired", StringComparison.OrdinalIgnoreCase)
                    || text.Contains("ExpiredToken", StringComparison.OrdinalIgnoreCase)
                    || text.Contains("time frame", StringComparison.OrdinalIgnoreCase);
            }
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            return false;
        }
    }

    private void CheckHttpUrl(Uri uri)
    {
        if (!uri.IsAbsoluteUri
            || !(string.Equals(uri.Scheme, Uri.UriSchemeHttps, StringComparison.OrdinalIgnoreCase)
                 || string.Equals(uri.Scheme, Uri.UriSchemeHttp, StringComparison.OrdinalIgnoreCase)))
        {
            throw Flux2DownloadErrors.Scheme(uri.IsAbsoluteUri ? uri.Scheme : "relative");
        }

        if (string.IsNullOrEmpty(uri.Host))
        {
            throw Flux2DownloadErrors.UrlRefused("Refused a URL without a host: give an absolute http(s) URL.");
        }

        // Literal addresses are judged before any connection; host names are judged on the addresses they resolve to
        // when the connection is made (see Flux2GuardedConnector).
        if (IPAddress.TryParse(uri.IdnHost.TrimStart('[').TrimEnd(']'), out var literal))
        {
            _connector.Vet(uri.Scheme, uri.IdnHost, uri.Port, [literal]);
        }
    }

    private Flux2OutputPath ResolveTarget(string path)
    {
        try
        {
            return Flux2PathGuard.Resolve(Options.OutputDirectory, path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new Flux2Exception(
                Flux2ErrorKind.DownloadRefused,
                $"Could not prepare '{path}' inside the output directory '{Flux2PathGuard.OutputRoot(Options.OutputDirectory)}': {ex.Message} Check the directory exists and is writable, or set Flux2:OutputDirectory.",
                ex)
            { Parameter = "path" };
        }
    }

    private Flux2OutputPath Commit(string tempPath, Flux2OutputPath target, Flux2ImageFormat format, bool overwrite)
    {
        // No file is saved under an extension its bytes contradict: a missing or foreign extension gets the bytes' own
        // appended, another image format's extension is replaced (callers that want that format convert first).
        var final = target;
        var extension = Path.GetExtension(target.FileName);
        if (!target.HasExtension)
        {
            final = target.WithExtension(format.Extension);
        }
        else if (!format.Matches(extension))
        {
            final = Flux2ImageFormat.IsImageExtension(extension) ? target.ReplaceExtension(format.Extension) : target.WithExtension(format.Extension);
            Flux2DownloadLog.ExtensionMismatch(_logger, target.FullPath, format.ContentType, final.FullPath);
        }

        if (!overwrite && Flux2PathGuard.Exists(final.RealPath))
        {
            throw Flux2DownloadErrors.Exists(final.FullPath);
        }

        if (overwrite && Directory.Exists(final.RealPath))
        {
            throw Flux2DownloadErrors.PathRefused($"Refused to save '{final.FullPath}': a directory has that name. Choose another name.");
        }

        try
        {
            File.Move(tempPath, final.RealPath, overwrite);
        }
        catch (IOException) when (!overwrite && Flux2PathGuard.Exists(final.RealPath))
        {
            throw Flux2DownloadErrors.Exists(final.FullPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw WriteFailed(final, ex);
        }

        return final;
    }

    private static FileStream CreateTempFile(string tempPath, Flux2OutputPath target)
    {
        try
        {
            return new FileStream(tempPath, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.ReadWrite,
                Share = FileShare.None,
                BufferSize = 0,
                Options = FileOptions.Asynchronous,
            });
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw WriteFailed(target, ex);
        }
    }

    private static async Task WriteFileAsync(FileStream file, ReadOnlyMemory<byte> bytes, Flux2OutputPath target, CancellationToken cancellationToken)
    {
        try
        {
            await file.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw WriteFailed(target, ex);
        }
    }

    private static async Task<T> ReadAsync<T>(Func<Task<T>> read, Uri uri)
    {
        try
        {
            return await read().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            throw new Flux2Exception(
                Flux2ErrorKind.Network,
                $"The connection to '{uri.IdnHost}' dropped while downloading: {ex.Message} Try again.",
                ex)
            { Parameter = "url" };
        }
    }

    private static Flux2Exception Translate(HttpRequestException ex, Uri uri)
    {
        for (Exception? inner = ex; inner is not null; inner = inner.InnerException)
        {
            if (inner is Flux2Exception refused)
            {
                return refused;
            }
        }

        var what = ex.HttpRequestError == HttpRequestError.NameResolutionError
            ? $"Could not resolve '{uri.IdnHost}'. Check the URL and the network."
            : $"Could not download from '{uri.IdnHost}': {ex.Message} Check the network and try again.";
        return new Flux2Exception(Flux2ErrorKind.Network, what, ex) { Parameter = "url" };
    }

    private static Flux2Exception WriteFailed(Flux2OutputPath target, Exception ex) =>
        new(Flux2ErrorKind.DownloadRefused, $"Could not write '{target.FullPath}': {ex.Message} Check the output directory is writable and has space.", ex)
        {
            Parameter = "path",
        };

    private static string TempPathFor(Flux2OutputPath target)
    {
        var name = target.FileName.Length > 100 ? target.FileName[..100] : target.FileName;
        return Path.Combine(target.RealDirectory, $".{name}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}.tmp");
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: the temp file is hidden and named .*.tmp; nothing else can be done here.
        }
    }

    private static bool IsRedirect(HttpStatusCode status) =>
        status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
            or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    private static string SafeHost(Uri uri) => uri.IsAbsoluteUri ? (string.IsNullOrEmpty(uri.IdnHost) ? uri.Scheme : uri.IdnHost) : "relative";
}
