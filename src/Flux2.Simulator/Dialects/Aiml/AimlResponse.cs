namespace Flux2.Simulator.Dialects.Aiml;

/// <summary>AIML (OpenAI-compatible) images response.</summary>
internal sealed record AimlResponse(long Created, IReadOnlyList<AimlImage> Data, AimlMeta Meta);
