using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace Flux2.Client;

/// <summary>
/// Sends provider request bodies built as <see cref="JsonObject"/>s (so that <see cref="Flux2JsonValues.Merge"/> can add the
/// escape hatch) through <see cref="Flux2ProviderHttp.CreateJsonRequest{T}"/> without reflection-based JSON.
/// </summary>
internal static class Flux2JsonBody
{
    /// <summary>Source-generated metadata of <see cref="JsonObject"/>.</summary>
    public static JsonTypeInfo<JsonObject> TypeInfo => Flux2JsonNodeContext.Default.JsonObject;
}
