using System.Text.Json;
using System.Text.Json.Serialization;

namespace Flux2.Agents;

/// <summary>Source-generated JSON for the tool results (snake_case, nulls omitted), so surfaces serialize them without reflection.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(Flux2GenerateImageOutput))]
[JsonSerializable(typeof(Flux2DownloadImageOutput))]
[JsonSerializable(typeof(Flux2ToolError))]
[JsonSerializable(typeof(Flux2GenerateImageInput))]
[JsonSerializable(typeof(Flux2DownloadImageInput))]
[JsonSerializable(typeof(IReadOnlyList<Flux2.Client.Flux2ModelCapabilities>))]
[JsonSerializable(typeof(System.Text.Json.Nodes.JsonNode))]
[JsonSerializable(typeof(JsonElement))]
public sealed partial class Flux2AgentsJsonContext : JsonSerializerContext;
