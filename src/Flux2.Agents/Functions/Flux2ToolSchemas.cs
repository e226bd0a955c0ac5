using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Flux2.Agents;

/// <summary>
/// Makes the tools' JSON schemas from their input and output types, lean and portable: one JSON type per property (optional
/// means absent from <c>required</c>, never nullable), no <c>default: null</c>, no null enum members or array items. Output
/// schemas carry no descriptions (the names say it; the model reads these bytes on every turn), and describe the top-level fields
/// and the array items (the images) field by field, but nested objects (timings, cost, moderation) by type only, with no
/// <c>required</c> lists (the fields are there; the schema says what they are).
/// </summary>
internal static class Flux2ToolSchemas
{
    private static readonly Lazy<JsonElement> GenerateInput = new(() => Create(typeof(Flux2GenerateImageInput), descriptions: true));
    private static readonly Lazy<JsonElement> GenerateOutput = new(() => Create(typeof(Flux2GenerateImageOutput), descriptions: false));
    private static readonly Lazy<JsonElement> DownloadInput = new(() => Create(typeof(Flux2DownloadImageInput), descriptions: true));
    private static readonly Lazy<JsonElement> DownloadOutput = new(() => Create(typeof(Flux2DownloadImageOutput), descriptions: false));

    /// <summary>generate_image's input schema.</summary>
    public static JsonElement GenerateImageInput => GenerateInput.Value;

    /// <summary>generate_image's output schema.</summary>
    public static JsonElement GenerateImageOutput => GenerateOutput.Value;

    /// <summary>download_image's input schema.</summary>
    public static JsonElement DownloadImageInput => DownloadInput.Value;

    /// <summary>download_image's output schema.</summary>
    public static JsonElement DownloadImageOutput => DownloadOutput.Value;

    private static JsonElement Create(Type type, bool descriptions)
    {
        JsonElement schema = AIJsonUtilities.CreateJsonSchema(
            type,
            serializerOptions: Flux2AgentsJsonContext.Default.Options,
            inferenceOptions: new AIJsonSchemaCreateOptions { IncludeSchemaKeyword = false });
        JsonNode node = JsonNode.Parse(schema.GetRawText())!;
        Lean(node, descriptions, isRoot: true);
        if (!descriptions && node["properties"] is JsonObject fields)
        {
            node.AsObject().Remove("required");
            foreach (var (_, field) in fields)
            {
                if (field is JsonObject nested && (string?)nested["type"] == "object")
                {
                    nested.Clear();
                    nested["type"] = "object";
                }
            }
        }

        return JsonSerializer.SerializeToElement(node, Flux2AgentsJsonContext.Default.JsonNode);
    }

    private static void Lean(JsonNode? node, bool descriptions, bool isRoot)
    {
        if (node is not JsonObject schema)
        {
            return;
        }

        if (schema["type"] is JsonArray types)
        {
            var named = types.Select(t => t?.GetValue<string>()).Where(t => t is not null and not "null").ToList();
            if (named.Count == 1)
            {
                schema["type"] = named[0];
            }
        }

        if (schema["enum"] is JsonArray values)
        {
            foreach (var value in values.Where(v => v is null).ToList())
            {
                values.Remove(value);
            }
        }

        if (schema.TryGetPropertyValue("default", out JsonNode? fallback) && fallback is null)
        {
            schema.Remove("default");
        }

        if (!descriptions && !isRoot)
        {
            schema.Remove("description");
            schema.Remove("format");
        }

        if (schema["properties"] is JsonObject properties)
        {
            foreach (var (_, property) in properties)
            {
                Lean(property, descriptions, isRoot: false);
            }
        }

        Lean(schema["items"], descriptions, isRoot: false);
    }
}
