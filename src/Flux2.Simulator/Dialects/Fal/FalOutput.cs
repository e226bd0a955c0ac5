namespace Flux2.Simulator.Dialects.Fal;

/// <summary>fal model output: pro/max/flex only images and seed; dev/klein add the NSFW flags, prompt and timings.</summary>
internal sealed record FalOutput(IReadOnlyList<FalImage> Images, long Seed, IReadOnlyList<bool>? HasNsfwConcepts = null, string? Prompt = null, FalTimings? Timings = null);
