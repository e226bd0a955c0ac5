namespace Flux2.Simulator.Dialects.Bfl;

/// <summary>One entry of a BFL 422 detail list.</summary>
internal sealed record BflValidationItem(IReadOnlyList<string> Loc, string Msg, string Type);
