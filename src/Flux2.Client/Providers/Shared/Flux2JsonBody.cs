using System.Collections;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.AI;

namespace Flux2.Client;

/// <summary>
/// Builds provider request bodies as <see cref="JsonObject"/>s, so that the explicit escape hatch
/// (<see cref="Flux2ProviderRequest.AdditionalProperties"/>) can be merged in without reflection-based JSON.
/// </summary>
internal static class Flux2JsonBody
{
    /// <summary>Source-generated metadata to send a <see cref="JsonObject"/> with <see cref="Flux2ProviderHttp.CreateJsonRequest{T}"/>.</summary>
    public static JsonTypeInfo<JsonObject> TypeInfo => Flux2JsonNodeContext.Default.JsonObject;

    /// <summary>
    /// Copies every additional property into <paramref name="body"/> (overriding what the adapter set), skipping the names in
    /// <paramref name="reserved"/> (options the adapter itself reads, such as Together's response_format), and returns the names copied.
    /// </summary>
    /// <exception cref="Flux2Exception"><see cref="Flux2ErrorKind.InvalidArgument"/> when a value cannot be sent as JSON.</exception>
    public static IReadOnlyList<string> MergeAdditionalProperties(JsonObject body, AdditionalPropertiesDictionary? additionalProperties, params string[] reserved)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (additionalProperties is null || additionalProperties.Count == 0)
        {
            return [];
        }

        var copied = new List<string>();
        foreach (var (name, value) in additionalProperties)
        {
            if (reserved.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            body[name] = ToNode(value, name);
            copied.Add(name);
        }

        return copied;
    }

    /// <summary>Converts a CLR value (string, number, bool, JsonElement, JsonNode, list, dictionary, Uri, enum) to a JSON node without reflection.</summary>
    /// <exception cref="Flux2Exception"><see cref="Flux2ErrorKind.InvalidArgument"/> for any other type.</exception>
    public static JsonNode? ToNode(object? value, string name = "value") => value switch
    {
        null => null,
        JsonNode node => node.DeepClone(),
        JsonElement element => element.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null ? null : JsonNode.Parse(element.GetRawText()),
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        int i => JsonValue.Create(i),
        long l => JsonValue.Create(l),
        short sh => JsonValue.Create(sh),
        byte by => JsonValue.Create(by),
        uint ui => JsonValue.Create(ui),
        ulong ul => JsonValue.Create(ul),
        double d => JsonValue.Create(d),
        float f => JsonValue.Create(f),
        decimal m => JsonValue.Create(m),
        Uri uri => JsonValue.Create(uri.OriginalString),
        Enum e => JsonValue.Create(e.ToString()),
        DateTimeOffset dto => JsonValue.Create(dto.ToString("O", CultureInfo.InvariantCulture)),
        DateTime dt => JsonValue.Create(dt.ToString("O", CultureInfo.InvariantCulture)),
        IEnumerable<KeyValuePair<string, object?>> pairs => ToObject(pairs, name),
        IDictionary dictionary => ToObject(dictionary, name),
        IEnumerable items => ToArray(items, name),
        _ => throw new Flux2Exception(
            Flux2ErrorKind.InvalidArgument,
            $"Additional property '{name}' has a type ({value.GetType().Name}) that cannot be sent as JSON; use a string, number, bool, JsonElement, JsonNode, list or dictionary.")
        { Parameter = name },
    };

    private static JsonObject ToObject(IEnumerable<KeyValuePair<string, object?>> pairs, string name)
    {
        var result = new JsonObject();
        foreach (var (key, item) in pairs)
        {
            result[key] = ToNode(item, $"{name}.{key}");
        }

        return result;
    }

    private static JsonObject ToObject(IDictionary dictionary, string name)
    {
        var result = new JsonObject();
        foreach (DictionaryEntry entry in dictionary)
        {
            string key = Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? "";
            result[key] = ToNode(entry.Value, $"{name}.{key}");
        }

        return result;
    }

    private static JsonArray ToArray(IEnumerable items, string name)
    {
        var result = new JsonArray();
        int index = 0;
        foreach (object? item in items)
        {
            result.Add(ToNode(item, $"{name}[{index++}]"));
        }

        return result;
    }
}
