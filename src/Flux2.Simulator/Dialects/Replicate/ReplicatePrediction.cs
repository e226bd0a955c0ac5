using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Flux2.Simulator.Dialects.Replicate;

/// <summary>A Replicate prediction.</summary>
internal sealed record ReplicatePrediction(
    string Id,
    string Model,
    string Version,
    JsonElement Input,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] JsonNode? Output,
    string Logs,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Error,
    string Status,
    string CreatedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? StartedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? CompletedAt,
    ReplicateMetrics Metrics,
    ReplicateUrls Urls,
    bool DataRemoved = false);
