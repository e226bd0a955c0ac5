namespace Flux2.Simulator.Dialects.Together;

/// <summary>Together error body <c>{"error":{…}}</c>.</summary>
internal sealed record TogetherError(TogetherErrorBody Error);
