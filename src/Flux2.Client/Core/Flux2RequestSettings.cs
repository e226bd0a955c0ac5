using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Flux2.Client;

/// <summary>
/// Reads request fields from a bag of named settings: Microsoft.Extensions.AI's <c>AdditionalProperties</c>, Semantic Kernel's
/// execution settings. One list of names and one wording for a value of the wrong type, whichever face the bag came through; the
/// values themselves are checked by <see cref="Flux2RequestPlanner"/>. Names: <c>seed</c>, <c>guidance_scale</c> (or <c>guidance</c>),
/// <c>num_inference_steps</c> (or <c>steps</c>), <c>safety_tolerance</c>, <c>num_images</c> (or <c>count</c>), <c>provider</c>,
/// <c>model</c>, <c>size</c> (or <c>image_size</c>), <c>width</c> and <c>height</c>, <c>output_format</c>, <c>resolution</c>, <c>mode</c>,
/// <c>grounding</c>, and <c>layout</c> (<see cref="Flux2LayoutBox"/>es, or JSON <c>[{label, box, description}]</c>).
/// </summary>
public static class Flux2RequestSettings
{
    /// <summary>Sets the named fields of <paramref name="request"/>; returns the settings it does not know (sent to the provider as they are), or null.</summary>
    /// <exception cref="Flux2Exception"><see cref="Flux2ErrorKind.InvalidArgument"/> for a value of the wrong type, naming the setting.</exception>
    public static AdditionalPropertiesDictionary? Apply(Flux2ImageRequest request, IEnumerable<KeyValuePair<string, object?>>? settings)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (settings is null)
        {
            return null;
        }

        var unknown = new AdditionalPropertiesDictionary();
        long? width = null, height = null;
        foreach (KeyValuePair<string, object?> pair in settings)
        {
            switch (pair.Key.ToLowerInvariant())
            {
                case "seed":
                    request.Seed = Integer(pair);
                    break;
                case "guidance_scale" or "guidance":
                    request.GuidanceScale = Number(pair);
                    break;
                case "num_inference_steps" or "steps":
                    request.Steps = (int?)Integer(pair);
                    break;
                case "safety_tolerance":
                    request.SafetyTolerance = (int?)Integer(pair);
                    break;
                case "num_images" or "count":
                    request.NumImages = (int?)Integer(pair);
                    break;
                case "provider":
                    request.Provider = Text(pair);
                    break;
                case "model":
                    request.Model = Text(pair);
                    break;
                case "size" or "image_size":
                    request.Size = Text(pair);
                    break;
                case "width":
                    width = Integer(pair);
                    break;
                case "height":
                    height = Integer(pair);
                    break;
                case "output_format":
                    request.OutputFormat = Text(pair);
                    break;
                case "resolution":
                    request.Resolution = Text(pair);
                    break;
                case "mode":
                    request.Mode = Text(pair);
                    break;
                case "grounding":
                    request.Grounding = Boolean(pair);
                    break;
                case "layout":
                    request.Layout = Layout(pair);
                    break;
                default:
                    unknown[pair.Key] = pair.Value;
                    break;
            }
        }

        if (width is not null || height is not null)
        {
            request.Size = string.Create(CultureInfo.InvariantCulture, $"{width ?? height}x{height ?? width}");
        }

        return unknown.Count > 0 ? unknown : null;
    }

    private static string? Text(KeyValuePair<string, object?> pair) => pair.Value switch
    {
        null => null,
        string text => text,
        JsonElement { ValueKind: JsonValueKind.String } json => json.GetString(),
        JsonElement { ValueKind: JsonValueKind.Null } => null,
        JsonElement json => json.GetRawText(),
        _ => Convert.ToString(pair.Value, CultureInfo.InvariantCulture),
    };

    private static long? Integer(KeyValuePair<string, object?> pair) => pair.Value switch
    {
        null => null,
        long l => l,
        int i => i,
        short s => s,
        double d when d == Math.Floor(d) && double.IsFinite(d) => (long)d,
        decimal m when m == decimal.Floor(m) => (long)m,
        string text when long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long parsed) => parsed,
        JsonElement { ValueKind: JsonValueKind.Number } json when json.TryGetInt64(out long parsed) => parsed,
        JsonElement { ValueKind: JsonValueKind.String } json when long.TryParse(json.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out long parsed) => parsed,
        JsonElement { ValueKind: JsonValueKind.Null } => null,
        _ => throw WrongType(pair, "a whole number"),
    };

    private static double? Number(KeyValuePair<string, object?> pair) => pair.Value switch
    {
        null => null,
        double d => d,
        float f => f,
        decimal m => (double)m,
        long l => l,
        int i => i,
        string text when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed) => parsed,
        JsonElement { ValueKind: JsonValueKind.Number } json => json.GetDouble(),
        JsonElement { ValueKind: JsonValueKind.String } json when double.TryParse(json.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed) => parsed,
        JsonElement { ValueKind: JsonValueKind.Null } => null,
        _ => throw WrongType(pair, "a number"),
    };

    private static bool? Boolean(KeyValuePair<string, object?> pair) => pair.Value switch
    {
        null => null,
        bool b => b,
        string text when bool.TryParse(text, out bool parsed) => parsed,
        JsonElement { ValueKind: JsonValueKind.True } => true,
        JsonElement { ValueKind: JsonValueKind.False } => false,
        JsonElement { ValueKind: JsonValueKind.Null } => null,
        _ => throw WrongType(pair, "true or false"),
    };

    private static List<Flux2LayoutBox> Layout(KeyValuePair<string, object?> pair)
    {
        const string Expected = "a list of layout boxes, or JSON [{\"label\": \"fox\", \"box\": [x0, y0, x1, y1], \"description\": \"...\"}]";
        switch (pair.Value)
        {
            case null:
                return [];
            case IEnumerable<Flux2LayoutBox> boxes:
                return [.. boxes];
            case string text:
                try
                {
                    using var document = JsonDocument.Parse(text);
                    return Layout(new KeyValuePair<string, object?>(pair.Key, document.RootElement.Clone()));
                }
                catch (JsonException)
                {
                    throw WrongType(pair, Expected);
                }

            case JsonElement { ValueKind: JsonValueKind.Array } array:
                var list = new List<Flux2LayoutBox>();
                foreach (JsonElement item in array.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.Object)
                    {
                        throw WrongType(pair, Expected);
                    }

                    string label = item.TryGetProperty("label", out JsonElement l) && l.ValueKind == JsonValueKind.String ? l.GetString()! : "";
                    List<double> box = item.TryGetProperty("box", out JsonElement b) && b.ValueKind == JsonValueKind.Array
                        ? [.. b.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Number ? e.GetDouble() : double.NaN)]
                        : [];
                    string? description = item.TryGetProperty("description", out JsonElement d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
                    list.Add(new Flux2LayoutBox(label, box, description));
                }

                return list;
            default:
                throw WrongType(pair, Expected);
        }
    }

    private static Flux2Exception WrongType(KeyValuePair<string, object?> pair, string expected) =>
        new(Flux2ErrorKind.InvalidArgument, $"setting '{pair.Key}' is {Describe(pair.Value)}; allowed: {expected}.") { Parameter = pair.Key };

    private static string Describe(object? value) => value switch
    {
        string text => $"'{(text.Length <= 40 ? text : text[..37] + "...")}'",
        JsonElement json => $"JSON {json.ValueKind.ToString().ToLowerInvariant()}",
        _ => $"of type {value?.GetType().Name}",
    };
}
