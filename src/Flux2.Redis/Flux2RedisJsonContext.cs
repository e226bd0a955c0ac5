using System.Text.Json.Serialization;
using Flux2.Agents;

namespace Flux2.Redis;

/// <summary>Source-generated JSON for what Flux2.Redis keeps as JSON (a job's progress), snake_case, nulls omitted.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Flux2JobProgress))]
internal sealed partial class Flux2RedisJsonContext : JsonSerializerContext;
