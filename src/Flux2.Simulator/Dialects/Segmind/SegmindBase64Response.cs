namespace Flux2.Simulator.Dialects.Segmind;

/// <summary>Segmind JSON answer when <c>base64: true</c> (shape unverified; clients accept both).</summary>
internal sealed record SegmindBase64Response(string Image, long Seed);
