namespace Flux2.Simulator.Dialects.Aiml;

/// <summary>AIML usage.</summary>
internal sealed record AimlUsage(long CreditsUsed);
