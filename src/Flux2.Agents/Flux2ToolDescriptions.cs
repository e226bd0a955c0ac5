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
        "Generate or edit images with Black Forest Labs FLUX.2 models.";

    /// <summary>The download_image tool.</summary>
    public const string DownloadImage =
        "Save an image (URL or flux2://images/{id}) to the output directory.";

    /// <summary>generate_image: prompt.</summary>
    public const string Prompt =
        "What to draw; text to render in quotes.";

    /// <summary>generate_image: model.</summary>
    public const string Model =
        "Default flux-2-pro.";

    /// <summary>generate_image: size.</summary>
    public const string Size =
        "square_hd, square, portrait_4_3, portrait_16_9, landscape_4_3, landscape_16_9 or WxH (64-2048). Default 1024x1024.";

    /// <summary>generate_image: num_images.</summary>
    public const string NumImages =
        "Default 1.";

    /// <summary>generate_image: seed.</summary>
    public const string Seed =
        "Same seed, same image. Default random.";

    /// <summary>generate_image: guidance_scale.</summary>
    public const string GuidanceScale =
        "flex, dev, klein. Default per model.";

    /// <summary>generate_image: num_inference_steps.</summary>
    public const string NumInferenceSteps =
        "flex, dev, klein. Default per model.";

    /// <summary>generate_image: output_format.</summary>
    public const string OutputFormat =
        "Default: per provider.";

    /// <summary>generate_image: safety_tolerance.</summary>
    public const string SafetyTolerance =
        "0 strictest. Default 2.";

    /// <summary>generate_image: reference_images.</summary>
    public const string ReferenceImages =
        "URLs, files or flux2://images/{id} to edit.";

    /// <summary>generate_image: loras.</summary>
    public const string Loras =
        "fal dev/klein, aimlapi: max 3; bfl klein: 1.";

    /// <summary>generate_image: loras[].path.</summary>
    public const string LoraPath =
        ".safetensors URL, HF owner/repo or bfl finetune id.";

    /// <summary>generate_image: loras[].scale.</summary>
    public const string LoraScale =
        "Default 1.";

    /// <summary>generate_image: provider.</summary>
    public const string Provider =
        "Default: configured.";

    /// <summary>download_image: url.</summary>
    public const string Url =
        "An http(s) URL or flux2://images/{id}.";

    /// <summary>download_image: path.</summary>
    public const string Path =
        "Inside the output directory; its extension sets the format.";

    /// <summary>download_image: overwrite.</summary>
    public const string Overwrite =
        "Replace an existing file. Default false.";
}
