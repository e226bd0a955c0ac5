namespace Flux2.Simulator.Dialects.Fal;

/// <summary>fal queue cancel answer.</summary>
internal sealed record FalCancelResponse(string Status);
