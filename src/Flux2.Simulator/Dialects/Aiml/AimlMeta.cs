namespace Flux2.Simulator.Dialects.Aiml;

/// <summary>AIML response metadata.</summary>
internal sealed record AimlMeta(AimlUsage Usage);
