namespace Flux2.Simulator;

/// <summary>A failure the simulator can inject, programmatically or with the <c>x-sim-fault</c> request header.</summary>
public enum SimulatorFaultKind
{
    /// <summary>401 with the provider's authentication error body.</summary>
    Unauthorized,

    /// <summary>402 payment required.</summary>
    PaymentRequired,

    /// <summary>Out of credits: 403 or 406 (Segmind) or 402 (BFL), per dialect.</summary>
    CreditsExhausted,

    /// <summary>422 validation error.</summary>
    Validation,

    /// <summary>422 content_policy_violation or the provider's equivalent.</summary>
    ContentPolicy,

    /// <summary>BFL "Request Moderated"/"Content Moderated"; other dialects answer their equivalent.</summary>
    Moderated,

    /// <summary>429 with Retry-After.</summary>
    RateLimited,

    /// <summary>500 internal error.</summary>
    ServerError,

    /// <summary>502 bad gateway.</summary>
    BadGateway,

    /// <summary>503 unavailable.</summary>
    Unavailable,

    /// <summary>Never answers until the client gives up.</summary>
    Hang,

    /// <summary>Aborts the connection mid-request.</summary>
    DropConnection,

    /// <summary>A 200 response whose JSON body is cut short.</summary>
    MalformedJson,

    /// <summary>A successful response with no images.</summary>
    EmptyImages,

    /// <summary>The job is accepted, then fails.</summary>
    JobFailed,

    /// <summary>The job succeeds but its result URLs have already expired.</summary>
    ExpiredResultUrl,

    /// <summary>fal: has_nsfw_concepts is true for some images (and those images are black); others: their equivalent.</summary>
    NsfwFlagged,
}
