using System.Text.Json.Serialization;

namespace Flux2.Simulator.Dialects.Aiml;

/// <summary>One AIML image: a URL or base64 (the other is null).</summary>
internal sealed record AimlImage(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Url,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? B64Json);
