using System.Text.Json.Serialization;

namespace Flux2.Simulator.Dialects.Together;

/// <summary>The inside of a Together error.</summary>
internal sealed record TogetherErrorBody(
    string Message,
    string Type,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Param = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Code = null);
