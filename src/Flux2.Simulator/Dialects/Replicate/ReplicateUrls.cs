namespace Flux2.Simulator.Dialects.Replicate;

/// <summary>Replicate prediction URLs.</summary>
internal sealed record ReplicateUrls(string Get, string Cancel, string Stream, string Web);
