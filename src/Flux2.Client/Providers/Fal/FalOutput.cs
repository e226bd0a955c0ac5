using System.Text.Json;

namespace Flux2.Client;

/// <summary>A fal FLUX.2 output: images and seed (pro/max/flex), plus NSFW flags, prompt and timings (dev/klein/flash).</summary>
internal sealed record FalOutput
{
    /// <summary>The images.</summary>
    public IReadOnlyList<FalImage>? Images { get; init; }

    /// <summary>The seed used.</summary>
    public long? Seed { get; init; }

    /// <summary>Per image: true when the safety checker flagged it (the image is then blank).</summary>
    public IReadOnlyList<bool>? HasNsfwConcepts { get; init; }

    /// <summary>The prompt as run.</summary>
    public string? Prompt { get; init; }

    /// <summary>Timings, e.g. {"inference": 1.2}.</summary>
    public JsonElement? Timings { get; init; }
}
