namespace Flux2.Simulator.Dialects.Bfl;

/// <summary>BFL 422 body.</summary>
internal sealed record BflValidationError(IReadOnlyList<BflValidationItem> Detail);
