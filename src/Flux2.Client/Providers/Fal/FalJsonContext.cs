using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Flux2.Client;

/// <summary>Source-generated JSON metadata of fal's wire types.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(FalInput))]
[JsonSerializable(typeof(FalOutput))]
[JsonSerializable(typeof(FalSubmitResponse))]
[JsonSerializable(typeof(FalStatus))]
internal sealed partial class FalJsonContext : JsonSerializerContext;
