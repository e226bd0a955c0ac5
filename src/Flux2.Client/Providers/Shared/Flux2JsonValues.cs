using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Flux2.Client;

/// <summary>Turns the request's <see cref="Flux2ImageRequest.AdditionalProperties"/> escape hatch into JSON without reflection.</summary>
internal static class Flux2JsonValues
{
    /// <summary>Copies every additional property onto <paramref name="body"/>, replacing fields of the same name.</summary>
    /// <exception cref="Flux2Exception"><see cref="Flux2ErrorKind.InvalidArgument"/> for a value that is not a JSON primitive, list, JsonElement or JsonNode.</exception>
    public static void Merge(JsonObject body, AdditionalPropertiesDictionary? extra)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (extra is null)
        {
            return;
        }

        foreach (KeyValuePair<string, object?> pair in extra)
        {
            body[pair.Key] = ToNode(pair.Key, pair.Value);
        }
    }

    /// <summary>One value as a JSON node.</summary>
    public static JsonNode? ToNode(string name, object? value) => value switch
    {
        null => null,
        JsonNode node => node.DeepClone(),
        JsonElement element => JsonNode.Parse(element.GetRawText()),
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        int i => JsonValue.Create(i),
        long l => JsonValue.Create(l),
        short s16 => JsonValue.Create(s16),
        float f => JsonValue.Create(f),
        double d => JsonValue.Create(d),
        decimal m => JsonValue.Create(m),
        Uri u => JsonValue.Create(u.ToString()),
        IFormattable f when value is Enum => JsonValue.Create(f.ToString(null, CultureInfo.InvariantCulture)),
        System.Collections.IEnumerable list => new JsonArray([.. list.Cast<object?>().Select(item => ToNode(name, item))]),
        _ => throw new Flux2Exception(Flux2ErrorKind.InvalidArgument, $"additional property '{name}' has a {value.GetType().Name} value; use a string, number, boolean, list, JsonElement or JsonNode.") { Parameter = name },
    };
}
