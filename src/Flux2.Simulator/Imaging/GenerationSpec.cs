namespace Flux2.Simulator.Imaging;

/// <summary>What a dialect asked the simulator to generate, after parsing and validation.</summary>
/// <param name="Prompt">The prompt.</param>
/// <param name="Seed">The seed of the first image (later images use seed + index).</param>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels.</param>
/// <param name="Format">Output format.</param>
/// <param name="Count">Number of images.</param>
/// <param name="Outcome">A fault that changes the outcome (EmptyImages, JobFailed, ExpiredResultUrl, NsfwFlagged, ContentPolicy, Moderated), or null.</param>
/// <param name="ContentCredentials">True when the images carry a C2PA manifest store (BFL's outputs do).</param>
internal sealed record GenerationSpec(string Prompt, long Seed, int Width, int Height, SimImageFormat Format, int Count, SimulatorFaultKind? Outcome, bool ContentCredentials = false);
