using Microsoft.Extensions.AI;

namespace Flux2.Client;

/// <summary>
/// One provider call, already validated and mapped by the caller: sizes rounded and clamped, counts within the
/// provider's per-request limit, safety tolerance on the provider's own scale. The adapter only encodes it.
/// </summary>
public sealed record Flux2ProviderRequest
{
    /// <summary>The capability row this call uses.</summary>
    public required Flux2ModelCapabilities Capabilities { get; init; }

    /// <summary>Where to send it.</summary>
    public required Flux2ProviderEndpoint Endpoint { get; init; }

    /// <summary>The prompt.</summary>
    public required string Prompt { get; init; }

    /// <summary>Width in pixels (a multiple of the row's <see cref="Flux2ModelCapabilities.SizeMultiple"/>; for tier rows, the expected width).</summary>
    public required int Width { get; init; }

    /// <summary>Height in pixels.</summary>
    public required int Height { get; init; }

    /// <summary>The aspect-ratio preset to send (<see cref="Flux2SizeEncoding.AspectRatioAndTier"/> rows); null sends none (the provider's auto).</summary>
    public string? AspectRatio { get; init; }

    /// <summary>The resolution tier to send (one of the row's <see cref="Flux2ModelCapabilities.Resolutions"/>), for rows that take tiers.</summary>
    public string? Resolution { get; init; }

    /// <summary>Layout boxes, already checked against the row (it takes a layout, and this many boxes).</summary>
    public IReadOnlyList<Flux2LayoutBox> Layout { get; init; } = [];

    /// <summary>The grounding switch to send, when asked for and the row has one.</summary>
    public bool? Grounding { get; init; }

    /// <summary>The mode to send, when asked for and the row has modes.</summary>
    public string? Mode { get; init; }

    /// <summary>Images in this call (at most the row's per-request limit).</summary>
    public int NumImages { get; init; } = 1;

    /// <summary>Seed, when given.</summary>
    public long? Seed { get; init; }

    /// <summary>Guidance, when given and supported.</summary>
    public double? GuidanceScale { get; init; }

    /// <summary>Steps, when given and supported.</summary>
    public int? Steps { get; init; }

    /// <summary>Output format, when given (one of the row's formats).</summary>
    public string? OutputFormat { get; init; }

    /// <summary>Safety tolerance on the provider's own scale, when given and supported.</summary>
    public int? SafetyTolerance { get; init; }

    /// <summary>Reference images: http(s) URLs or data URIs.</summary>
    public IReadOnlyList<string> ReferenceImages { get; init; } = [];

    /// <summary>LoRAs (on BFL: the one finetune), already checked against the row's <see cref="Flux2ModelCapabilities.Loras"/>.</summary>
    public IReadOnlyList<Flux2Lora> Loras { get; init; } = [];

    /// <summary>Provider-specific fields to send as they are.</summary>
    public AdditionalPropertiesDictionary? AdditionalProperties { get; init; }

    /// <summary>Where this call reports its progress (the request's, wrapped by the caller); the HTTP pipeline's retries report to it too.</summary>
    public IProgress<Flux2Progress>? Progress { get; init; }

    /// <summary>
    /// When this call's TotalTimeout ends, on the caller's clock (set by the caller; the call's token is cancelled then): an adapter
    /// that can have the provider hold a request open or stop a job by itself keeps within it. Null when nothing bounds the call.
    /// </summary>
    public DateTimeOffset? Deadline { get; init; }
}
