using Microsoft.Extensions.Logging;

namespace Flux2.Client;

/// <summary>The log lines of downloads and saves: hosts only, never a URL (signed URLs carry secrets).</summary>
internal static partial class Flux2DownloadLog
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Information,
        Message = "Downloaded {Bytes} bytes ({ContentType}) from {Host} to {Path} in {ElapsedMs:0} ms")]
    public static partial void Downloaded(ILogger logger, long bytes, string contentType, string host, string path, double elapsedMs);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information,
        Message = "Saved {Bytes} bytes ({ContentType}) to {Path}")]
    public static partial void Saved(ILogger logger, long bytes, string contentType, string path);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning,
        Message = "Download from {Host} failed ({Kind}) after {ElapsedMs:0} ms")]
    public static partial void Failed(ILogger logger, string host, Flux2ErrorKind kind, double elapsedMs);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Debug,
        Message = "Following redirect {Hop} from {FromHost} to {ToHost}")]
    public static partial void Redirect(ILogger logger, int hop, string fromHost, string toHost);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Warning,
        Message = "The name {Path} contradicts its content ({ContentType}): saved as {SavedPath}")]
    public static partial void ExtensionMismatch(ILogger logger, string path, string contentType, string savedPath);
}
