using System.Text.Json.Serialization;

namespace Flux2.Client;

/// <summary>Source-generated serialization of Replicate's wire types.</summary>
[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(ReplicatePrediction))]
[JsonSerializable(typeof(ReplicateProblem))]
internal sealed partial class ReplicateJsonContext : JsonSerializerContext;
