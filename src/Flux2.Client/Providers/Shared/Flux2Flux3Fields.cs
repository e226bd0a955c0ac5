using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Flux2.Client;

/// <summary>
/// Writes the FLUX 3 family's fields into a request body, the same way on every provider that serves them: <c>aspect_ratio</c> and
/// <c>resolution</c> (only when the plan has them: no ratio means the provider's auto), <c>grounding</c> and <c>mode</c> when asked
/// and the row has them, <c>safety_tolerance</c> on the row's scale, and the layout in the row's form: FLUX 3.1's
/// <c>bounding_boxes</c> field (<c>{id, bbox: [y0, x0, y1, x1], desc}</c>, fractions; with reference images each box is a target
/// box, <c>{id, from: "target", tgt_bbox, desc}</c>) or FLUX 3's JSON array appended to the prompt (<c>[top, left, bottom,
/// right]</c> as integers on a 0-1000 grid). Nothing FLUX 3 does not take (seed, width, height, steps) is ever written here.
/// </summary>
internal static class Flux2Flux3Fields
{
    /// <summary>The boxes are text for the model: no HTML escaping of &lt;, &gt;, &amp; or quotes in descriptions.</summary>
    private static readonly JsonSerializerOptions PromptJson = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = Flux2JsonNodeContext.Default,
    };

    /// <summary>The prompt as sent: with FLUX 3's in-prompt layout appended when the row takes it that way.</summary>
    public static string Prompt(Flux2ProviderRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Layout.Count == 0 || request.Capabilities.Layout != Flux2LayoutEncoding.InPrompt)
        {
            return request.Prompt;
        }

        var boxes = new JsonArray([.. request.Layout.Select(box => Box(box, new JsonArray(Grid(box.Box[1]), Grid(box.Box[0]), Grid(box.Box[3]), Grid(box.Box[2])), request))]);
        return request.Prompt + "\n\n" + boxes.ToJsonString(PromptJson);
    }

    /// <summary>Adds aspect ratio, tier, grounding, mode, safety tolerance and the structured layout where the row takes them.</summary>
    public static void Add(Flux2ProviderRequest request, JsonObject body, List<string> warnings)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(warnings);
        Flux2ModelCapabilities row = request.Capabilities;
        if (request.AspectRatio is { } ratio)
        {
            body["aspect_ratio"] = ratio;
        }

        if (request.Resolution is { } tier)
        {
            body["resolution"] = tier;
        }

        if (request.Grounding is { } grounding && row.Grounding is not null)
        {
            body["grounding"] = grounding;
        }

        if (request.Mode is { } mode && row.Modes.Contains(mode))
        {
            body["mode"] = mode;
        }

        if (request.SafetyTolerance is { } tolerance && row.SafetyTolerance is { } range)
        {
            int sent = (int)range.Clamp(tolerance);
            if (sent != tolerance)
            {
                warnings.Add(string.Create(CultureInfo.InvariantCulture, $"{row.Provider} {row.Model} takes safety_tolerance {range.Min}..{range.Max}: {tolerance} was sent as {sent}."));
            }

            body["safety_tolerance"] = sent;
        }

        if (request.Layout.Count > 0 && row.Layout == Flux2LayoutEncoding.BoundingBoxes)
        {
            var boxes = new JsonArray([.. request.Layout.Select(box => Box(box, new JsonArray(box.Box[1], box.Box[0], box.Box[3], box.Box[2]), request))]);
            body["bounding_boxes"] = boxes;
        }
    }

    /// <summary>One box: <c>{id, bbox, desc}</c>, or with reference images a target box <c>{id, from: "target", tgt_bbox, desc}</c>.</summary>
    private static JsonObject Box(Flux2LayoutBox box, JsonArray coordinates, Flux2ProviderRequest request)
    {
        var item = new JsonObject { ["id"] = box.Label };
        if (request.ReferenceImages.Count > 0)
        {
            item["from"] = "target";
            item["tgt_bbox"] = coordinates;
        }
        else
        {
            item["bbox"] = coordinates;
        }

        if (!string.IsNullOrWhiteSpace(box.Description))
        {
            item["desc"] = box.Description;
        }

        return item;
    }

    private static int Grid(double fraction) => (int)Math.Round(fraction * 1000, MidpointRounding.AwayFromZero);
}
