using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Flux2.Simulator.Dialects.Flux3;

/// <summary>
/// FLUX 3.1's <c>bounding_boxes</c> rules: 1..32 boxes; each named by a unique id (letters, digits and _, starting with a
/// letter); edges as [y_min, x_min, y_max, x_max] fractions 0..1 with y_min &lt; y_max and x_min &lt; x_max. A layout box
/// is {id, bbox, desc?}; with reference images an edit box is {id, from, src_bbox?, tgt_bbox, desc?}, where from is
/// "ref_image_N" (an image that was sent) or "target", and "target" takes no src_bbox.
/// </summary>
internal static partial class Flux3BoundingBoxes
{
    /// <summary>At most this many boxes.</summary>
    public const int MaxBoxes = 32;

    /// <summary>Checks the field; null when it is valid. <paramref name="labelIsAnId"/> lets a box name itself with "label" (one reading of fal's schema).</summary>
    public static InputProblem? Validate(JsonElement boxes, int imageCount, bool labelIsAnId)
    {
        if (boxes.ValueKind != JsonValueKind.Array || boxes.GetArrayLength() is 0 or > MaxBoxes)
        {
            return Problem([], $"bounding_boxes takes a list of 1 to {MaxBoxes} boxes", "value_error");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var box in boxes.EnumerateArray())
        {
            var at = index.ToString(CultureInfo.InvariantCulture);
            index++;
            if (box.ValueKind != JsonValueKind.Object)
            {
                return Problem([at], "Each box is an object with id and bbox (or, with images, from and tgt_bbox)", "model_type");
            }

            string[] known = labelIsAnId ? ["id", "label", "bbox", "desc", "from", "src_bbox", "tgt_bbox"] : ["id", "bbox", "desc", "from", "src_bbox", "tgt_bbox"];
            foreach (var property in box.EnumerateObject())
            {
                if (!known.Contains(property.Name, StringComparer.Ordinal))
                {
                    return Problem([at, property.Name], "Extra inputs are not permitted", "extra_forbidden");
                }
            }

            var name = InputReader.String(box, "id") ?? (labelIsAnId ? InputReader.String(box, "label") : null);
            if (name is null)
            {
                return Problem([at, "id"], labelIsAnId ? "Field required: a box is named by id (or label)" : "Field required", "missing");
            }

            if (!IdPattern().IsMatch(name))
            {
                return Problem([at, "id"], "A box id is letters, digits and _, starting with a letter", "string_pattern_mismatch");
            }

            if (!seen.Add(name))
            {
                return Problem([at, "id"], $"Box ids must be unique: '{name}' is used twice", "value_error");
            }

            if (box.TryGetProperty("desc", out var desc) && desc.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
            {
                return Problem([at, "desc"], "Input should be a valid string", "string_type");
            }

            var problem = box.TryGetProperty("bbox", out var bbox)
                ? LayoutBox(box, bbox, at)
                : EditBox(box, at, imageCount);
            if (problem is not null)
            {
                return problem;
            }
        }

        return null;
    }

    private static InputProblem? LayoutBox(JsonElement box, JsonElement bbox, string at)
    {
        if (box.TryGetProperty("from", out _) || box.TryGetProperty("tgt_bbox", out _) || box.TryGetProperty("src_bbox", out _))
        {
            return Problem([at], "A box has either bbox (layout) or from and tgt_bbox (edit), not both", "value_error");
        }

        return Edges(bbox, [at, "bbox"]);
    }

    private static InputProblem? EditBox(JsonElement box, string at, int imageCount)
    {
        if (!box.TryGetProperty("tgt_bbox", out var target))
        {
            return Problem([at, "bbox"], "Field required: a box needs bbox, or from and tgt_bbox when editing images", "missing");
        }

        if (imageCount == 0)
        {
            return Problem([at, "from"], "from, src_bbox and tgt_bbox describe an edit and need images", "value_error");
        }

        var from = InputReader.String(box, "from");
        if (from is null)
        {
            return Problem([at, "from"], "Field required", "missing");
        }

        if (from == "target")
        {
            if (box.TryGetProperty("src_bbox", out _))
            {
                return Problem([at, "src_bbox"], "src_bbox must be omitted when from is 'target'", "value_error");
            }
        }
        else if (!from.StartsWith("ref_image_", StringComparison.Ordinal)
            || !int.TryParse(from["ref_image_".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var image) || image >= imageCount)
        {
            return Problem([at, "from"], $"from is 'target' or 'ref_image_N' with N from 0 to {imageCount - 1} (one per image sent)", "value_error");
        }
        else if (box.TryGetProperty("src_bbox", out var source) && Edges(source, [at, "src_bbox"]) is { } bad)
        {
            return bad;
        }

        return Edges(target, [at, "tgt_bbox"]);
    }

    private static InputProblem? Edges(JsonElement edges, string[] at)
    {
        Span<double> v = stackalloc double[4];
        if (edges.ValueKind != JsonValueKind.Array || edges.GetArrayLength() != 4)
        {
            return Problem(at, "A box is 4 numbers: [y_min, x_min, y_max, x_max]", "value_error");
        }

        var i = 0;
        foreach (var edge in edges.EnumerateArray())
        {
            if (edge.ValueKind != JsonValueKind.Number || !edge.TryGetDouble(out v[i]) || v[i] is < 0 or > 1)
            {
                return Problem(at, "Box edges are fractions of the image from 0 to 1", "value_error");
            }

            i++;
        }

        return v[0] < v[2] && v[1] < v[3] ? null : Problem(at, "A box needs y_min < y_max and x_min < x_max", "value_error");
    }

    private static InputProblem Problem(string[] at, string message, string type) => new(["bounding_boxes", .. at], message, type);

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
