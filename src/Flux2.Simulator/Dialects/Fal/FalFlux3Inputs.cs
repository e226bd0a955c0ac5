using System.Text.Json;
using Flux2.Simulator.Dialects.Flux3;
using Flux2.Simulator.Hosting;
using Flux2.Simulator.Imaging;

namespace Flux2.Simulator.Dialects.Fal;

/// <summary>
/// fal's FLUX 3 family apps: <c>blackforestlabs/flux-3/text-to-image</c> and <c>/edit-image</c> (aspect_ratio, resolution
/// 512sq..4k, safety_tolerance 0..4, enable_prompt_expansion off by default, output_format jpeg|png), and
/// <c>fal-ai/flux-3.1-image</c> and <c>blackforestlabs/flux-3.1/edit-image</c> (aspect_ratio with match_first_image,
/// resolution tiers or megapixel presets, mode, bounding_boxes whose boxes are named by id or label). Edit apps require
/// image_urls (1..10). Where fal's pages were read in part both readings are accepted (9:21, 512sq and 1.5k). As on every
/// fal app, fields the app does not list are counted and ignored. fal has no grounding switch and takes no seed: the model
/// picks one and the output reports it.
/// </summary>
internal static class FalFlux3Inputs
{
    private static readonly string[] Apps =
    [
        "blackforestlabs/flux-3/text-to-image", "blackforestlabs/flux-3/edit-image", "fal-ai/flux-3.1-image", "blackforestlabs/flux-3.1/edit-image",
    ];

    /// <summary>True for a FLUX 3 family app id.</summary>
    public static bool IsFlux3(string appId) => Apps.Contains(appId, StringComparer.Ordinal);

    /// <summary>Parses a body; returns the spec, or fal's 422 detail item for the first problem.</summary>
    public static (GenerationSpec? Spec, FalValidationItem? Error, bool SyncMode) Parse(SimulatorEngine engine, string appId, JsonElement? body, SimulatorFaultKind? outcome)
    {
        if (body is not { } input)
        {
            return Refuse(new([], "Input should be a valid dictionary", "model_attributes_type"));
        }

        var is31 = appId.Contains("flux-3.1", StringComparison.Ordinal);
        if (InputReader.String(input, "prompt") is not { Length: > 0 } prompt)
        {
            return Refuse(InputProblem.Field("prompt", "Field required", "missing"));
        }

        IReadOnlyList<string> images = [];
        if (FalModels.IsEdit(appId) || appId.EndsWith("edit-image", StringComparison.Ordinal))
        {
            var sent = input.TryGetProperty("image_urls", out var urls) && urls.ValueKind != JsonValueKind.Null;
            images = sent && urls.ValueKind == JsonValueKind.Array ? Flux3References.Read(input, "image_urls") ?? [] : [];
            if (images.Count is 0 or > 10)
            {
                return Refuse(InputProblem.Field("image_urls", "image_urls is required: a list of 1 to 10 image URLs or data URIs", sent ? "value_error" : "missing"));
            }
        }

        var aspect = InputReader.String(input, "aspect_ratio") ?? "auto";
        var matchFirst = aspect is "auto" || (is31 && aspect is "match_first_image");
        if (!matchFirst && !Flux3Sizes.AspectRatios.Contains(aspect, StringComparer.Ordinal))
        {
            return Refuse(InputProblem.Field("aspect_ratio", $"Input should be 'auto', {(is31 ? "'match_first_image', " : "")}{string.Join(", ", Flux3Sizes.AspectRatios.Select(r => $"'{r}'"))}", "enum"));
        }

        var resolution = InputReader.String(input, "resolution") ?? "1k";
        var known = is31 ? resolution != "512sq" : resolution is "512sq" or "768sq" or "1k" or "1.5k" or "2k" or "4k";
        if (!known || !Flux3Sizes.TryMegapixels(resolution, megapixelPresets: is31, out var megapixels))
        {
            return Refuse(InputProblem.Field("resolution", is31
                ? "Input should be '1K', '2K', '4K' (also '768sq', '1.5k') or a megapixel preset such as '1MP'"
                : "Input should be '512sq', '768sq', '1k', '1.5k', '2k' or '4k'", "enum"));
        }

        var format = SimImageFormat.Jpeg;
        if (!is31)
        {
            if (!InputReader.TryInt64(input, "safety_tolerance", out var tolerance) || tolerance is < 0 or > 4)
            {
                return Refuse(InputProblem.Field("safety_tolerance", "Input should be an integer from 0 to 4", "less_than_equal"));
            }

            if (InputReader.Has(input, "output_format") && InputReader.String(input, "output_format") is not ("jpeg" or "png"))
            {
                return Refuse(InputProblem.Field("output_format", "Input should be 'jpeg' or 'png'", "enum"));
            }

            format = InputReader.String(input, "output_format") == "png" ? SimImageFormat.Png : SimImageFormat.Jpeg;
        }
        else
        {
            if (InputReader.Has(input, "mode") && InputReader.String(input, "mode") is not ("fast" or "quality"))
            {
                return Refuse(InputProblem.Field("mode", "Input should be 'fast' or 'quality'", "enum"));
            }

            if (input.TryGetProperty("bounding_boxes", out var boxes) && boxes.ValueKind != JsonValueKind.Null
                && Flux3BoundingBoxes.Validate(boxes, images.Count, labelIsAnId: true) is { } boxProblem)
            {
                return Refuse(boxProblem);
            }
        }

        var first = images.Count > 0 ? Flux3References.Measure(engine, images[0]) : null;
        var ratio = matchFirst ? first is { } size ? Flux3Sizes.Nearest(size.Width, size.Height) : "1:1" : aspect;
        var (width, height) = Flux3Sizes.Size(ratio, megapixels);
        var expanded = InputReader.True(input, "enable_prompt_expansion") ? Flux3Prompt.Expand(prompt) : prompt;
        var spec = new GenerationSpec(expanded, SimulatorEngine.RandomSeed(), width, height, format, 1, outcome);
        return (spec, null, InputReader.True(input, "sync_mode"));
    }

    private static (GenerationSpec?, FalValidationItem?, bool) Refuse(InputProblem problem) =>
        (null, FalModels.Item(["body", .. problem.Location], problem.Message, problem.Type), false);
}
