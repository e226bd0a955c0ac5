namespace Flux2.Agents;

/// <summary>
/// The descriptions of the tools and their parameters, written once: the input types' <c>[Description]</c> attributes use them,
/// and every face (MCP, Semantic Kernel, Agent Framework) shows the schema made from those types. Each says unit, range,
/// default and effect, briefly: the model reads every word on every turn.
/// </summary>
public static class Flux2ToolDescriptions
{
    /// <summary>The generate_image tool.</summary>
    public const string GenerateImage =
        "Generate or edit images with Black Forest Labs FLUX models.";

    /// <summary>The download_image tool.</summary>
    public const string DownloadImage =
        "Save an image (URL or flux2://images/{id}) to a file.";

    /// <summary>generate_image: prompt.</summary>
    public const string Prompt =
        "What to draw; quote text to render.";

    /// <summary>generate_image: model.</summary>
    public const string Model =
        "Default flux-2-pro.";

    /// <summary>generate_image: size.</summary>
    public const string Size =
        "square, portrait_4_3, portrait_16_9, landscape_4_3, landscape_16_9, WxH. Default square.";

    /// <summary>generate_image: resolution.</summary>
    public const string Resolution =
        "FLUX 3 size. Default 1k.";

    /// <summary>generate_image: layout.</summary>
    public const string Layout =
        "FLUX 3 boxes; put <label> in the prompt.";

    /// <summary>generate_image: layout[].label.</summary>
    public const string LayoutLabel =
        "Letters, digits, _.";

    /// <summary>generate_image: layout[].box.</summary>
    public const string LayoutBox =
        "[x0,y0,x1,y1], 0-1 from top-left.";

    /// <summary>generate_image: layout[].description.</summary>
    public const string LayoutDescription =
        "What is in it.";

    /// <summary>generate_image: mode.</summary>
    public const string Mode =
        "flux-3.1-image.";

    /// <summary>generate_image: grounding.</summary>
    public const string Grounding =
        "Web search first (FLUX 3).";

    /// <summary>generate_image: num_images.</summary>
    public const string NumImages =
        "Default 1.";

    /// <summary>generate_image: seed.</summary>
    public const string Seed =
        "Repeats an image (FLUX.2).";

    /// <summary>generate_image: guidance_scale.</summary>
    public const string GuidanceScale =
        "FLUX.2 flex/dev/klein. Default per model.";

    /// <summary>generate_image: num_inference_steps.</summary>
    public const string NumInferenceSteps =
        "FLUX.2 flex/dev/klein. Default per model.";

    /// <summary>generate_image: output_format.</summary>
    public const string OutputFormat =
        "Default per model.";

    /// <summary>generate_image: safety_tolerance.</summary>
    public const string SafetyTolerance =
        "0 strictest. Default 2.";

    /// <summary>generate_image: reference_images.</summary>
    public const string ReferenceImages =
        "URLs, files or flux2://images/{id}.";

    /// <summary>generate_image: loras.</summary>
    public const string Loras =
        "fal dev/klein, aimlapi: max 3; bfl klein: 1.";

    /// <summary>generate_image: loras[].path.</summary>
    public const string LoraPath =
        ".safetensors URL, HF repo, bfl finetune id.";

    /// <summary>generate_image: loras[].scale.</summary>
    public const string LoraScale =
        "Default 1.";

    /// <summary>generate_image: provider.</summary>
    public const string Provider =
        "Default: configured.";

    /// <summary>download_image: url.</summary>
    public const string Url =
        "URL or flux2://images/{id}.";

    /// <summary>download_image: path.</summary>
    public const string Path =
        "Extension sets the format.";

    /// <summary>download_image: overwrite.</summary>
    public const string Overwrite =
        "Default false.";
}
