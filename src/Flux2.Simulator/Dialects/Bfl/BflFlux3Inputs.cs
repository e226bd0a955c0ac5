using System.Text.Json;
using Flux2.Simulator.Dialects.Flux3;
using Flux2.Simulator.Hosting;
using Flux2.Simulator.Imaging;

namespace Flux2.Simulator.Dialects.Bfl;

/// <summary>
/// The bodies of BFL's FLUX 3 family endpoints: <c>flux-3-image</c> and <c>flux-3-image-klein</c> (prompt, images,
/// aspect_ratio, resolution, grounding, safety_tolerance, version; Klein's body is presumed equal) and <c>flux-3.1-image</c>
/// (prompt, images, aspect_ratio with match_first_image, resolution with megapixel presets, mode, bounding_boxes). The schema
/// is strict: any other field, seed and steps included, gets 422 "Extra inputs are not permitted", as the real API answers,
/// whether or not the host checks request shapes. The model picks the seed and expands the prompt; outputs are PNG (BFL does
/// not publish FLUX 3's output format) and carry Content Credentials.
/// </summary>
internal static class BflFlux3Inputs
{
    private static readonly string[] Flux3Fields = ["prompt", "images", "aspect_ratio", "resolution", "grounding", "safety_tolerance", "version"];
    private static readonly string[] Flux31Fields = ["prompt", "images", "aspect_ratio", "resolution", "mode", "bounding_boxes"];

    /// <summary>The FLUX 3 family's BFL model ids.</summary>
    public static readonly string[] Models = ["flux-3-image", "flux-3-image-klein", "flux-3.1-image"];

    /// <summary>True for a FLUX 3 family model id.</summary>
    public static bool IsFlux3(string model) => Models.Contains(model, StringComparer.Ordinal);

    /// <summary>Parses a body; returns what to render and the input megapixels, or every problem found.</summary>
    public static (GenerationSpec? Spec, IReadOnlyList<InputProblem> Problems, double InputMp) Parse(SimulatorEngine engine, string model, JsonElement? body, SimulatorFaultKind? outcome)
    {
        if (body is not { } input)
        {
            return (null, [new([], "Input should be a valid dictionary or object to extract fields from", "model_attributes_type")], 0);
        }

        var is31 = model == "flux-3.1-image";
        var fields = is31 ? Flux31Fields : Flux3Fields;
        var problems = new List<InputProblem>();
        problems.AddRange(input.EnumerateObject().Where(p => !fields.Contains(p.Name, StringComparer.Ordinal))
            .Select(p => InputProblem.Field(p.Name, "Extra inputs are not permitted", "extra_forbidden")));

        var prompt = InputReader.String(input, "prompt");
        if (prompt is not { Length: > 0 })
        {
            problems.Add(InputReader.Has(input, "prompt")
                ? InputProblem.Field("prompt", "String should have at least 1 character", "string_too_short")
                : InputProblem.Field("prompt", "Field required", "missing"));
        }

        var images = Flux3References.Read(input, "images");
        if (images is null || images.Count > 10)
        {
            problems.Add(InputProblem.Field("images", "images is an image URL or base64 string, or a list of 1 to 10 of them", "value_error"));
            images = [];
        }

        var aspect = InputReader.String(input, "aspect_ratio") ?? "auto";
        var matchFirst = aspect is "auto" || (is31 && aspect is "match_first_image");
        if (!matchFirst && !Flux3Sizes.AspectRatios.Contains(aspect, StringComparer.Ordinal))
        {
            var allowed = (is31 ? "'auto', 'match_first_image', " : "'auto', ") + string.Join(", ", Flux3Sizes.AspectRatios.Select(r => $"'{r}'"));
            problems.Add(InputProblem.Field("aspect_ratio", $"Input should be {allowed}", "enum"));
        }

        var resolution = InputReader.String(input, "resolution") ?? "1k";
        var tierOrPreset = is31 ? resolution != "512sq" : resolution is "768sq" or "1k" or "1.5k" or "2k" or "4k";
        if (!tierOrPreset || !Flux3Sizes.TryMegapixels(resolution, megapixelPresets: is31, out var megapixels))
        {
            megapixels = 1;
            problems.Add(InputProblem.Field("resolution", is31
                ? "Input should be '768sq', '1k', '1.5k', '2k', '4k' or a megapixel preset such as '1MP'"
                : "Input should be '768sq', '1k', '1.5k', '2k' or '4k'", "enum"));
        }

        if (!is31)
        {
            if (input.TryGetProperty("grounding", out var grounding) && grounding.ValueKind is not (JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null))
            {
                problems.Add(InputProblem.Field("grounding", "Input should be a valid boolean", "bool_type"));
            }

            if (!InputReader.TryInt64(input, "safety_tolerance", out var tolerance) || tolerance is < 0 or > 4)
            {
                problems.Add(InputProblem.Field("safety_tolerance", "Input should be an integer from 0 (strictest) to 4", "less_than_equal"));
            }
        }
        else
        {
            if (InputReader.Has(input, "mode") && InputReader.String(input, "mode") is not ("fast" or "quality"))
            {
                problems.Add(InputProblem.Field("mode", "Input should be 'fast' or 'quality'", "enum"));
            }

            if (input.TryGetProperty("bounding_boxes", out var boxes) && boxes.ValueKind != JsonValueKind.Null
                && Flux3BoundingBoxes.Validate(boxes, images.Count, labelIsAnId: false) is { } boxProblem)
            {
                problems.Add(boxProblem);
            }
        }

        if (problems.Count > 0)
        {
            return (null, problems, 0);
        }

        var sizes = images.Select(i => Flux3References.Measure(engine, i)).ToList();
        var ratio = matchFirst ? sizes.FirstOrDefault() is { } first ? Flux3Sizes.Nearest(first.Width, first.Height) : "1:1" : aspect;
        var (width, height) = Flux3Sizes.Size(ratio, megapixels);
        var inputMp = Math.Round(sizes.Sum(s => s is { } known ? known.Width * known.Height / 1_000_000.0 : 1.0), 2);
        var effective = outcome == SimulatorFaultKind.NsfwFlagged ? SimulatorFaultKind.Moderated : outcome;
        var spec = new GenerationSpec(Flux3Prompt.Expand(prompt!), SimulatorEngine.RandomSeed(), width, height, SimImageFormat.Png, 1, effective, ContentCredentials: true);
        return (spec, [], inputMp);
    }

    /// <summary>
    /// The price in credits (1 credit = $0.01) by tier: FLUX 3 Image 4.1 / 4.8 / 7 / 10 / 60.7 and Klein 0.9 / 0.9 / 1.1 / 1.4
    /// / 3.6 for 768sq / 1k / 1.5k / 2k / 4k, as published; edits cost the same. FLUX 3.1's BFL prices are unpublished: the
    /// simulator's own numbers are 1.5 / 3 / 4.5 / 6 / 28 (fal's 3.1 prices at 1K, 2K and 4K, OpenRouter's "from $0.015" at
    /// 768sq, 1.5k in between), megapixel presets priced at the tier their area falls in, fast and quality alike.
    /// </summary>
    public static double Cost(string model, int width, int height)
    {
        var tier = Flux3Sizes.Tier(width * (double)height / (1024 * 1024));
        double[] prices = model switch
        {
            "flux-3-image-klein" => [0.9, 0.9, 1.1, 1.4, 3.6],
            "flux-3.1-image" => [1.5, 3, 4.5, 6, 28],
            _ => [4.1, 4.8, 7, 10, 60.7],
        };
        return prices[Array.IndexOf(["768sq", "1k", "1.5k", "2k", "4k"], tier)];
    }
}
