namespace Flux2.Simulator.Dialects.Fal;

/// <summary>fal queue log line.</summary>
internal sealed record FalLog(string Message, string Level, string Source, string Timestamp);
