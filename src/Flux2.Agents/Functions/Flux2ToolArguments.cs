using System.Collections;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Flux2.Client;
using Microsoft.Extensions.AI;

namespace Flux2.Agents;

/// <summary>
/// Binds a tool call's arguments (as any face delivers them: <see cref="JsonElement"/>s from MCP and function-calling models,
/// CLR values or JSON text from Semantic Kernel) to the tool's input type, through its JSON contract. Unknown parameters and
/// values of the wrong type are <see cref="Flux2ErrorKind.InvalidArgument"/> errors that name what is allowed.
/// </summary>
internal static class Flux2ToolArguments
{
    private static readonly JsonSerializerOptions Options = new(Flux2AgentsJsonContext.Default.Options)
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowReadingFromString,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Binds <paramref name="arguments"/> to <typeparamref name="T"/>, whose schema is <paramref name="schema"/>.</summary>
    /// <exception cref="Flux2Exception"><see cref="Flux2ErrorKind.InvalidArgument"/> naming the parameter and what it takes.</exception>
    public static T Bind<T>(AIFunctionArguments arguments, JsonElement schema)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var properties = schema.GetProperty("properties");
        foreach (var name in arguments.Keys)
        {
            if (!properties.TryGetProperty(name, out _))
            {
                throw Invalid(name, $"'{name}' is not a parameter of this tool; allowed: {string.Join(", ", properties.EnumerateObject().Select(p => p.Name))}.");
            }
        }

        foreach (var required in schema.TryGetProperty("required", out var list) ? list.EnumerateArray().Select(e => e.GetString()!) : [])
        {
            if (!arguments.TryGetValue(required, out object? value) || value is null || value is JsonElement { ValueKind: JsonValueKind.Null })
            {
                throw Invalid(required, $"{required} is required: {Describe(properties.GetProperty(required))}");
            }
        }

        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in arguments)
            {
                writer.WritePropertyName(name);
                Write(writer, value, properties.GetProperty(name));
            }

            writer.WriteEndObject();
        }

        var typeInfo = (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));
        try
        {
            return JsonSerializer.Deserialize(buffer.WrittenSpan, typeInfo)!;
        }
        catch (JsonException ex)
        {
            string name = ParameterOf(ex.Path);
            string what = properties.TryGetProperty(name, out var property) ? Describe(property) : "see the tool's schema.";
            throw Invalid(name, $"{name} has a value of the wrong type or shape; it takes {what}");
        }
    }

    private static void Write(Utf8JsonWriter writer, object? value, JsonElement property)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonElement element:
                element.WriteTo(writer);
                break;
            case System.Text.Json.Nodes.JsonNode node:
                node.WriteTo(writer);
                break;
            case string text when !IsStringProperty(property) && LooksLikeJson(text):
                // Semantic Kernel and some hosts hand over every argument as text: "2", "[\"a.png\"]", "true".
                writer.WriteRawValue(text, skipInputValidation: false);
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case int or long or short or byte or sbyte or ushort or uint:
                writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case float or double:
                double number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                if (double.IsFinite(number))
                {
                    writer.WriteNumberValue(number);
                }
                else
                {
                    // NaN and infinities are no JSON numbers: binding then reports the parameter as invalid.
                    writer.WriteStringValue(number.ToString(CultureInfo.InvariantCulture));
                }

                break;
            case ulong or decimal:
                writer.WriteNumberValue(Convert.ToDecimal(value, CultureInfo.InvariantCulture));
                break;
            case IEnumerable<string> items:
                writer.WriteStartArray();
                foreach (string item in items)
                {
                    writer.WriteStringValue(item);
                }

                writer.WriteEndArray();
                break;
            case IEnumerable items:
                writer.WriteStartArray();
                foreach (object? item in items)
                {
                    Write(writer, item, property.TryGetProperty("items", out var itemSchema) ? itemSchema : default);
                }

                writer.WriteEndArray();
                break;
            default:
                writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }

    private static bool IsStringProperty(JsonElement property) =>
        property.ValueKind == JsonValueKind.Object && property.TryGetProperty("type", out var type)
        && type.ValueKind == JsonValueKind.String && type.GetString() == "string";

    private static bool LooksLikeJson(string text)
    {
        try
        {
            using var _ = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string ParameterOf(string? path)
    {
        // "$.num_images", "$.loras[0].scale", "$['reference_images'][1]" -> the top-level parameter name.
        string text = (path ?? "").TrimStart('$').TrimStart('.').Replace("['", "", StringComparison.Ordinal);
        int end = text.IndexOfAny(['.', '[', '\'']);
        return end < 0 ? text : text[..end];
    }

    private static string Describe(JsonElement property)
    {
        string type = property.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "a value";
        var parts = new List<string> { type is "array" ? "an array" : type is "integer" ? "an integer" : "a " + type };
        if (property.TryGetProperty("items", out var items) && items.TryGetProperty("properties", out var fields))
        {
            var required = items.TryGetProperty("required", out var names) ? names.EnumerateArray().Select(n => n.GetString()).ToHashSet() : [];
            parts[0] = "an array of objects {" + string.Join(", ", fields.EnumerateObject().Select(f => required.Contains(f.Name) ? f.Name + " (required)" : f.Name)) + "}";
        }

        if (property.TryGetProperty("enum", out var values))
        {
            parts.Add("one of " + string.Join(", ", values.EnumerateArray().Select(v => v.ToString())));
        }

        if (property.TryGetProperty("minimum", out var min) && property.TryGetProperty("maximum", out var max))
        {
            parts.Add($"{min}-{max}");
        }

        if (property.TryGetProperty("description", out var description))
        {
            parts.Add(description.GetString()!);
        }

        return string.Join("; ", parts);
    }

    private static Flux2Exception Invalid(string parameter, string message) =>
        new(Flux2ErrorKind.InvalidArgument, message) { Parameter = parameter };
}
