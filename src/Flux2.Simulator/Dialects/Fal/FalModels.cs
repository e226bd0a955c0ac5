using System.Globalization;
using System.Text.Json;
using Flux2.Simulator.Hosting;
using Flux2.Simulator.Imaging;

namespace Flux2.Simulator.Dialects.Fal;

/// <summary>fal app ids, inputs and outputs, shared by the sync and queue dialects (from PROVIDERS.md).</summary>
internal static class FalModels
{
    /// <summary>The documentation URL fal puts in policy errors.</summary>
    public const string PolicyDocsUrl = "https://docs.fal.ai/errors#content_policy_violation";

    private static readonly string[] Namespaces = ["workflows", "comfy"];

    /// <summary>The model family of an app id: pro, max, flex, klein or dev (dev also covers flash, turbo and lora).</summary>
    public static string Family(string appId) =>
        appId.Contains("flux-2-pro", StringComparison.OrdinalIgnoreCase) ? "pro"
        : appId.Contains("flux-2-max", StringComparison.OrdinalIgnoreCase) ? "max"
        : appId.Contains("flux-2-flex", StringComparison.OrdinalIgnoreCase) ? "flex"
        : appId.Contains("klein", StringComparison.OrdinalIgnoreCase) ? "klein"
        : "dev";

    /// <summary>True for pro/max/flex, whose output has only images and seed and which make one image per request.</summary>
    public static bool IsMinimal(string family) => family is "pro" or "max" or "flex";

    /// <summary>True for edit apps (which require image_urls).</summary>
    public static bool IsEdit(string appId) => appId.Split('/').Contains("edit", StringComparer.OrdinalIgnoreCase);

    /// <summary>The owner/alias part of an app id that queue status/result/cancel URLs use (the sub-path is dropped).</summary>
    public static string BaseApp(string appId)
    {
        var parts = appId.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var take = parts.Length > 0 && Namespaces.Contains(parts[0]) ? 3 : 2;
        return string.Join('/', parts.Take(take));
    }

    /// <summary>fal's own pixels for an image_size preset name.</summary>
    public static (int Width, int Height)? Preset(string name) => name switch
    {
        "square_hd" => (1024, 1024),
        "square" => (512, 512),
        "portrait_4_3" => (768, 1024),
        "portrait_16_9" => (576, 1024),
        "landscape_4_3" => (1024, 768),
        "landscape_16_9" => (1024, 576),
        "auto" => (1024, 1024),
        _ => null,
    };

    /// <summary>Parses and validates a fal input; returns the spec or a 422 detail item.</summary>
    public static (GenerationSpec? Spec, FalValidationItem? Error, bool SyncMode) Parse(string appId, JsonElement? body, SimulatorFaultKind? outcome)
    {
        if (body is not { } input)
        {
            return (null, Item(["body"], "Input should be a valid JSON object", "model_attributes_type"), false);
        }

        if (!input.TryGetProperty("prompt", out var promptElement) || promptElement.ValueKind != JsonValueKind.String
            || promptElement.GetString() is not { Length: > 0 } prompt)
        {
            return (null, Item(["body", "prompt"], "Field required", "missing"), false);
        }

        var family = Family(appId);
        int width = 1024, height = 768;
        if (input.TryGetProperty("image_size", out var size) && size.ValueKind != JsonValueKind.Null)
        {
            if (size.ValueKind == JsonValueKind.String && Preset(size.GetString()!) is { } preset)
            {
                (width, height) = preset;
            }
            else if (size.ValueKind == JsonValueKind.Object
                && size.TryGetProperty("width", out var w) && w.TryGetInt32(out width)
                && size.TryGetProperty("height", out var h) && h.TryGetInt32(out height))
            {
                if (width is < 64 or > 4096 || height is < 64 or > 4096)
                {
                    return (null, Item(["body", "image_size"], "Image width and height must be between 64 and 4096 pixels", "value_error", size.GetRawText()), false);
                }
            }
            else
            {
                return (null, Item(["body", "image_size"], "Input should be 'square_hd', 'square', 'portrait_4_3', 'portrait_16_9', 'landscape_4_3' or 'landscape_16_9', or an object with width and height", "enum", size.GetRawText()), false);
            }
        }

        var count = 1;
        if (!IsMinimal(family) && input.TryGetProperty("num_images", out var n) && n.ValueKind != JsonValueKind.Null)
        {
            if (!n.TryGetInt32(out count) || count is < 1 or > 4)
            {
                return (null, Item(["body", "num_images"], "Input should be between 1 and 4", "less_than_equal", n.GetRawText()), false);
            }
        }

        var format = IsMinimal(family) ? SimImageFormat.Jpeg : SimImageFormat.Png;
        if (input.TryGetProperty("output_format", out var f) && f.ValueKind != JsonValueKind.Null
            && !(f.ValueKind == JsonValueKind.String && SimImageFormats.TryParse(f.GetString(), out format)))
        {
            return (null, Item(["body", "output_format"], "Input should be 'jpeg', 'png' or 'webp'", "enum", f.GetRawText()), false);
        }

        long seed = 0;
        var hasSeed = input.TryGetProperty("seed", out var s) && s.ValueKind != JsonValueKind.Null;
        if (hasSeed && !s.TryGetInt64(out seed))
        {
            return (null, Item(["body", "seed"], "Input should be a valid integer", "int_type", s.GetRawText()), false);
        }

        if (IsEdit(appId))
        {
            if (!input.TryGetProperty("image_urls", out var urls) || urls.ValueKind != JsonValueKind.Array || urls.GetArrayLength() == 0)
            {
                return (null, Item(["body", "image_urls"], "Field required", "missing"), false);
            }
        }

        var syncMode = input.TryGetProperty("sync_mode", out var sm) && sm.ValueKind == JsonValueKind.True;
        var spec = new GenerationSpec(prompt, hasSeed ? seed : SimulatorEngine.RandomSeed(), width, height, format, count, outcome);
        return (spec, null, syncMode);
    }

    /// <summary>Builds the model output for generated images.</summary>
    public static FalOutput Output(string appId, GenerationSpec spec, IReadOnlyList<GeneratedImage> images, bool syncMode, double inferenceSeconds)
    {
        var list = images.Select(i => new FalImage(
            syncMode ? $"data:{i.Image.ContentType};base64,{Convert.ToBase64String(i.Image.Bytes)}" : i.Url,
            i.Image.ContentType,
            i.FileName,
            i.Image.Bytes.LongLength,
            i.Image.Width,
            i.Image.Height)).ToList();
        if (FalFlux3Inputs.IsFlux3(appId))
        {
            // fal's usual image list, the model's seed and the prompt (expanded when enable_prompt_expansion asked for it).
            return new FalOutput(list, spec.Seed, Prompt: spec.Prompt);
        }

        return IsMinimal(Family(appId))
            ? new FalOutput(list, spec.Seed)
            : new FalOutput(list, spec.Seed, images.Select(i => i.Flagged).ToList(), spec.Prompt, new FalTimings(inferenceSeconds));
    }

    /// <summary>A 422 detail item.</summary>
    public static FalValidationItem Item(string[] loc, string msg, string type, string? input = null) =>
        new(loc, msg, type, null, new Dictionary<string, string>(), input);

    /// <summary>The 422 content policy item.</summary>
    public static FalValidationItem PolicyItem(string? prompt) => new(
        ["body", "prompt"],
        "The content could not be processed because it contained material flagged by a content checker.",
        "content_policy_violation",
        PolicyDocsUrl,
        new Dictionary<string, string>(),
        prompt);

    /// <summary>Seconds as fal reports them.</summary>
    public static double Seconds(TimeSpan value) => Math.Round(value.TotalSeconds, 3);

    /// <summary>An ISO-8601 timestamp.</summary>
    public static string Timestamp(DateTimeOffset value) => value.ToString("yyyy-MM-ddTHH:mm:ss.fffffff", CultureInfo.InvariantCulture);
}
