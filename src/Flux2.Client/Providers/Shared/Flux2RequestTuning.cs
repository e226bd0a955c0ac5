using System.Globalization;
using System.Text.Json.Nodes;

namespace Flux2.Client;

/// <summary>
/// Writes the fields whose names and limits come from the capability row (guidance, steps, references, fixed switches)
/// into a request body, clamped where needed, with a warning for each change.
/// </summary>
internal static class Flux2RequestTuning
{
    /// <summary>The field name that stands for BFL's numbered input_image, input_image_2, ... fields.</summary>
    public const string BflNumberedField = "input_image";

    /// <summary>Adds guidance and steps under the row's wire names where the row takes them; warns when they must be dropped.</summary>
    public static void Add(Flux2ProviderRequest request, Flux2ModelCapabilities row, JsonObject body, List<string> warnings)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(warnings);
        if (request.GuidanceScale is { } guidance)
        {
            if (row.Guidance is null)
            {
                warnings.Add($"{row.Provider} {row.Model} takes no guidance scale: {guidance.ToString(CultureInfo.InvariantCulture)} was not sent.");
            }
            else
            {
                double sent = row.Guidance.Clamp(guidance);
                if (sent != guidance)
                {
                    warnings.Add($"{row.Provider} {row.Model} takes guidance {row.Guidance.Min.ToString(CultureInfo.InvariantCulture)}..{row.Guidance.Max.ToString(CultureInfo.InvariantCulture)}: {guidance.ToString(CultureInfo.InvariantCulture)} was sent as {sent.ToString(CultureInfo.InvariantCulture)}.");
                }

                body[row.GuidanceField] = sent;
            }
        }

        if (request.Steps is { } steps)
        {
            if (row.Steps is null)
            {
                warnings.Add($"{row.Provider} {row.Model} takes no step count: {steps} was not sent.");
            }
            else
            {
                int sent = (int)row.Steps.Clamp(steps);
                if (sent != steps)
                {
                    warnings.Add($"{row.Provider} {row.Model} takes {row.Steps.Min}..{row.Steps.Max} steps: {steps} was sent as {sent}.");
                }

                body[row.StepsField] = sent;
            }
        }

        foreach (KeyValuePair<string, bool> pair in row.FixedFields)
        {
            body[pair.Key] = pair.Value;
        }
    }

    /// <summary>
    /// Adds the reference images under the row's field: a list (an empty one when the row always sends it), or BFL's
    /// numbered <c>input_image</c>, <c>input_image_2</c>, ... Images over the limit are not sent, with a warning.
    /// </summary>
    public static void AddReferences(Flux2ProviderRequest request, Flux2ModelCapabilities row, JsonObject body, List<string> warnings, int? limit = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(warnings);
        int max = limit ?? row.MaxReferenceImages;
        if (request.ReferenceImages.Count > max)
        {
            warnings.Add($"{row.Provider} {row.Model} takes at most {max} reference images: {request.ReferenceImages.Count - max} were not sent.");
        }

        IEnumerable<string> sent = request.ReferenceImages.Take(max);
        if (row.ReferenceField == BflNumberedField)
        {
            int i = 0;
            foreach (string image in sent)
            {
                body[i == 0 ? BflNumberedField : $"{BflNumberedField}_{i + 1}"] = image;
                i++;
            }

            return;
        }

        if (request.ReferenceImages.Count > 0 && max > 0 || row.ReferencesAlwaysSent)
        {
            body[row.ReferenceField] = new JsonArray([.. sent.Select(image => (JsonNode?)JsonValue.Create(image))]);
        }
    }

    /// <summary>Adds <c>loras: [{path, scale}]</c> (fal, AIML).</summary>
    public static void AddLoras(Flux2ProviderRequest request, JsonObject body)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(body);
        if (request.Loras.Count > 0)
        {
            body["loras"] = new JsonArray([.. request.Loras.Select(l => (JsonNode?)new JsonObject { ["path"] = l.Path, ["scale"] = l.Scale })]);
        }
    }
}
