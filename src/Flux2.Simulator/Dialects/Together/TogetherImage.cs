namespace Flux2.Simulator.Dialects.Together;

/// <summary>One Together image: a URL or base64.</summary>
internal sealed record TogetherImage(int Index, string Type, string? Url = null, string? B64Json = null);
