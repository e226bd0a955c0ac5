namespace Flux2.Simulator.Dialects.Fal;

/// <summary>fal output image.</summary>
internal sealed record FalImage(string Url, string? ContentType, string? FileName, long? FileSize, int? Width, int? Height);
