namespace Flux2.Client;

/// <summary>One normalized result, the same shape from every provider and model.</summary>
public sealed class Flux2ImageResult
{
    /// <summary>The images that passed the provider's safety filter, in order.</summary>
    public required IReadOnlyList<Flux2Image> Images { get; init; }

    /// <summary>The seed actually used (of the first image when the request fanned out), when known.</summary>
    public long? Seed { get; init; }

    /// <summary>The provider that served the request (after any failover).</summary>
    public required string Provider { get; init; }

    /// <summary>The FLUX.2 model name (see <see cref="Flux2Models"/>).</summary>
    public required string Model { get; init; }

    /// <summary>The prompt the model ran after rewriting (expanding) it (FLUX 3 family), when the provider returns it.</summary>
    public string? RevisedPrompt { get; init; }

    /// <summary>Whether web and image grounding was on: what was asked, else the provider's default; null when the model has no such switch.</summary>
    public bool? Grounding { get; init; }

    /// <summary>The provider's request or prediction id(s), comma-separated when the request fanned out.</summary>
    public string? RequestId { get; init; }

    /// <summary>Queue, inference and total times.</summary>
    public Flux2Timings Timings { get; init; } = new();

    /// <summary>Estimated and actual cost.</summary>
    public Flux2Cost Cost { get; init; } = new();

    /// <summary>Set when the provider filtered some images out; the safe ones are still in <see cref="Images"/>.</summary>
    public Flux2Moderation? Moderation { get; init; }

    /// <summary>Parameters that were clamped, rounded or dropped, images that were filtered, and similar notes.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>True when the built-in simulator served the request, not a real provider.</summary>
    public bool Simulated { get; init; }

    /// <summary>A one-line note for the user, e.g. how to configure a real provider when simulated.</summary>
    public string? Note { get; init; }

    /// <summary>
    /// When the call's time ends (<c>Flux2:Providers:{P}:TotalTimeout</c> from its start, on the caller's clock): work that follows
    /// the call, such as downloading the images, should end by then (<see cref="Flux2Deadline.After"/>). Null when nothing bounds it.
    /// </summary>
    public DateTimeOffset? Deadline { get; init; }

    /// <summary>The provider's raw response, for callers that need a field the normalized shape lacks.</summary>
    public object? RawRepresentation { get; init; }

    /// <summary>A copy whose warnings start with <paramref name="first"/> (a layer's notes, such as a failover).</summary>
    internal Flux2ImageResult WithWarningsFirst(IEnumerable<string> first) => new()
    {
        Images = Images,
        Seed = Seed,
        Provider = Provider,
        Model = Model,
        RevisedPrompt = RevisedPrompt,
        Grounding = Grounding,
        RequestId = RequestId,
        Timings = Timings,
        Cost = Cost,
        Moderation = Moderation,
        Warnings = [.. first, .. Warnings],
        Simulated = Simulated,
        Note = Note,
        Deadline = Deadline,
        RawRepresentation = RawRepresentation,
    };
}
