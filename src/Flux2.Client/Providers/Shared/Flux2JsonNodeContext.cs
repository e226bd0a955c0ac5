using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Flux2.Client;

/// <summary>Source-generated metadata for the JSON DOM bodies adapters send.</summary>
[JsonSerializable(typeof(JsonObject))]
internal sealed partial class Flux2JsonNodeContext : JsonSerializerContext;
