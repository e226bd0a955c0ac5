using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Flux2.Client;

/// <summary>Source-generated metadata for JSON DOM types that adapters send or read leniently.</summary>
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class Flux2JsonNodeContext : JsonSerializerContext;
