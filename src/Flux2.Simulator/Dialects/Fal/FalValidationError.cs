namespace Flux2.Simulator.Dialects.Fal;

/// <summary>fal 422 body with a detail list.</summary>
internal sealed record FalValidationError(IReadOnlyList<FalValidationItem> Detail);
