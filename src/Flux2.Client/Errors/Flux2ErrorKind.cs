namespace Flux2.Client;

/// <summary>What went wrong, precisely enough that a caller (or an agent) knows what to change.</summary>
public enum Flux2ErrorKind
{
    /// <summary>An argument is invalid; the message names what is allowed. Nothing was sent.</summary>
    InvalidArgument,

    /// <summary>The chosen provider or model cannot serve the request; the message names what can. Nothing was sent.</summary>
    Unsupported,

    /// <summary>No API key is configured for the chosen provider.</summary>
    MissingApiKey,

    /// <summary>The provider rejected the key (401).</summary>
    Authentication,

    /// <summary>The account is out of credits or balance (402, fal's locked-balance 403, AIML 403, Segmind 406).</summary>
    InsufficientCredits,

    /// <summary>The key is valid but not allowed to do this (403).</summary>
    PermissionDenied,

    /// <summary>The provider rejected the input (422 or 400 other than content policy).</summary>
    ProviderValidation,

    /// <summary>The prompt, an input image or every output image was refused by the provider's safety system.</summary>
    ContentFiltered,

    /// <summary>Still rate limited (429) after the allowed retries.</summary>
    RateLimited,

    /// <summary>The provider failed (5xx) after the allowed retries, or its circuit is open.</summary>
    ProviderUnavailable,

    /// <summary>The job ran on the provider and failed there.</summary>
    JobFailed,

    /// <summary>A time-out: an attempt, the whole request, or a job that never finished.</summary>
    Timeout,

    /// <summary>The connection failed or dropped.</summary>
    Network,

    /// <summary>The provider answered with something that could not be read.</summary>
    MalformedResponse,

    /// <summary>The provider finished but returned no image.</summary>
    EmptyResult,

    /// <summary>The result URL has expired or the job is gone (404/410, BFL "Task not found").</summary>
    ResultExpired,

    /// <summary>The caller cancelled.</summary>
    Cancelled,

    /// <summary>The call would exceed a configured cost budget. Nothing was sent.</summary>
    BudgetExceeded,

    /// <summary>
    /// A download the caller asked for was refused by a guard (scheme, private address, path, size, not an image, file exists),
    /// or a local path the caller gave leaves the folders it may use.
    /// </summary>
    DownloadRefused,

    /// <summary>
    /// The provider finished the job but its result cannot be used: the result URL answered something that is not an image
    /// (an HTML page, JSON), an image over the download cap, or an address the download guards refuse. The message names what came back.
    /// </summary>
    BadResult,

    /// <summary>
    /// A library this feature needs could not be loaded on this machine (e.g. SkiaSharp's native library); the message names the
    /// package to add and what still works. Retrying does not help.
    /// </summary>
    MissingDependency,
}
