namespace BatchPipeline;

/// <summary>The outcome of one prompt of the batch, as written to summary.json.</summary>
internal sealed record BatchItem(int Index, string Prompt, bool Ok, string? Path, long? Seed, double Seconds, string? Error);
