namespace Flux2.Simulator.Dialects.Fal;

/// <summary>One entry of a fal 422 detail list.</summary>
internal sealed record FalValidationItem(IReadOnlyList<string> Loc, string Msg, string Type, string? Url = null, IReadOnlyDictionary<string, string>? Ctx = null, string? Input = null);
