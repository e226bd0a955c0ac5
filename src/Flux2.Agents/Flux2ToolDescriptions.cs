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
        "Generate or edit images with FLUX.2. Returns ids (flux2://images/{id}), saved paths, sizes, seed.";

    /// <summary>The download_image tool.</summary>
    public const string DownloadImage =
        "Save an image (http(s) URL or flux2://images/{id}) to the output directory.";

    /// <summary>generate_image: prompt.</summary>
    public const string Prompt =
        "What to draw; text to render in quotes.";

    /// <summary>generate_image: model.</summary>
    public const string Model =
        "Default flux-2-pro; max best, flash cheapest.";

    /// <summary>generate_image: size.</summary>
    public const string Size =
        "square_hd, square, portrait_4_3, portrait_16_9, landscape_4_3, landscape_16_9 or WIDTHxHEIGHT (64-2048). Default 1024x1024.";

    /// <summary>generate_image: num_images.</summary>
    public const string NumImages =
        "1-4, each billed. Default 1.";

    /// <summary>generate_image: seed.</summary>
    public const string Seed =
        "Default random.";

    /// <summary>generate_image: guidance_scale.</summary>
    public const string GuidanceScale =
        "0-20 (flex, dev, klein). Default per model.";

    /// <summary>generate_image: num_inference_steps.</summary>
    public const string NumInferenceSteps =
        "1-50 (flex, dev, klein). Default per model.";

    /// <summary>generate_image: output_format.</summary>
    public const string OutputFormat =
        "Default: the provider's (often jpeg).";

    /// <summary>generate_image: safety_tolerance.</summary>
    public const string SafetyTolerance =
        "0 strictest to 6 most permissive. Default 2.";

    /// <summary>generate_image: reference_images.</summary>
    public const string ReferenceImages =
        "URLs, files or flux2://images/{id} to edit (image 1, image 2 in the prompt).";

    /// <summary>generate_image: loras.</summary>
    public const string Loras =
        "fal dev/klein, aimlapi: up to 3; bfl klein: 1 finetune.";

    /// <summary>generate_image: loras[].path.</summary>
    public const string LoraPath =
        "A .safetensors URL or Hugging Face owner/repo (bfl: finetune id).";

    /// <summary>generate_image: loras[].scale.</summary>
    public const string LoraScale =
        "0-4. Default 1.";

    /// <summary>generate_image: provider.</summary>
    public const string Provider =
        "Default: configured, else the first with a key.";

    /// <summary>download_image: url.</summary>
    public const string Url =
        "An http(s) URL or flux2://images/{id}.";

    /// <summary>download_image: path.</summary>
    public const string Path =
        "In the output directory; a .png, .jpg or .webp name gets that format. Default: from url.";

    /// <summary>download_image: overwrite.</summary>
    public const string Overwrite =
        "Replace an existing file. Default false.";
}
