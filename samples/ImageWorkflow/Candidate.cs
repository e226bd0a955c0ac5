namespace ImageWorkflow;

/// <summary>One generated candidate: its seed, its id in the image store, and what the tool core saved.</summary>
/// <param name="Brief">The brief it was made for (carried along, so later steps need no shared state).</param>
/// <param name="Number">1-based position among the candidates.</param>
/// <param name="Seed">The seed it was generated with.</param>
/// <param name="Uri">flux2://images/{id}: pass it as a reference image or to download_image.</param>
/// <param name="Path">The file the tool core saved, when it saved one.</param>
/// <param name="Bytes">The encoded size, a rough measure of detail.</param>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels.</param>
internal sealed record Candidate(ImageBrief Brief, int Number, long Seed, string Uri, string? Path, long Bytes, int? Width, int? Height);
