namespace Flux2.Agents;

/// <summary>
/// The descriptions of the tools and their parameters, written once so every surface (MCP, Semantic Kernel) uses them
/// in its <c>[Description]</c> attributes. Each says unit, range, default and effect, briefly: every word costs the agent context.
/// </summary>
public static class Flux2ToolDescriptions
{
    /// <summary>The generate_image tool.</summary>
    public const string GenerateImage =
        "Generate images from a text prompt with Black Forest Labs' FLUX.2 models, optionally editing or combining reference images. "
        + "Returns each image's id (flux2://images/{id}), saved file path, size and the seed used.";

    /// <summary>The download_image tool.</summary>
    public const string DownloadImage =
        "Save an image into the output directory from an http(s) URL or a flux2://images/{id} generated earlier. "
        + "Returns path, bytes, content type, width, height and SHA-256.";

    /// <summary>generate_image: prompt.</summary>
    public const string Prompt =
        "What to draw, in natural language: subject, style, composition, lighting, any text to render in quotes. Required.";

    /// <summary>generate_image: model.</summary>
    public const string Model =
        "FLUX.2 model: flux-2-pro (quality), flux-2-max (best), flux-2-flex (steps/guidance, typography), flux-2-dev (open weights), "
        + "flux-2-klein-4b/-9b, flux-2-flash (fast, cheap). Default: the configured one, else flux-2-pro.";

    /// <summary>generate_image: size.</summary>
    public const string Size =
        "Output size: square_hd or square (1024x1024), portrait_4_3 (864x1152), portrait_16_9 (768x1344), landscape_4_3 (1152x864), "
        + "landscape_16_9 (1344x768), or WIDTHxHEIGHT in pixels (64-2048, rounded to multiples of 16). Default 1024x1024.";

    /// <summary>generate_image: num_images.</summary>
    public const string NumImages = "Number of images, 1-4. Default 1. Each costs the same as one call.";

    /// <summary>generate_image: seed.</summary>
    public const string Seed = "Integer seed; the same prompt, seed and size give the same image. Default random.";

    /// <summary>generate_image: guidance_scale.</summary>
    public const string GuidanceScale =
        "How strictly to follow the prompt, about 1.5-10 (flux-2-flex, flux-2-dev; ignored by others). Higher is more literal. Default per model.";

    /// <summary>generate_image: num_inference_steps.</summary>
    public const string NumInferenceSteps =
        "Denoising steps, 1-50 (flux-2-flex, flux-2-dev; ignored by others). More is finer and slower. Default per model.";

    /// <summary>generate_image: output_format.</summary>
    public const string OutputFormat = "File format: png, jpeg or webp. Default: the provider's (usually jpeg).";

    /// <summary>generate_image: safety_tolerance.</summary>
    public const string SafetyTolerance =
        "Content filter strictness, 0 (strictest) to 6 (most permissive), converted per provider. Default 2.";

    /// <summary>generate_image: reference_images.</summary>
    public const string ReferenceImages =
        "Images to edit or combine (up to 4-10 per model): http(s) URLs, local files inside the allowed folders, "
        + "or ids / flux2://images/{id} of images generated earlier. Refer to them in the prompt as image 1, image 2.";

    /// <summary>generate_image: provider.</summary>
    public const string Provider =
        "Provider: fal, bfl, replicate, together, aimlapi, segmind or openai. Default: the configured one, else the first with an API key.";

    /// <summary>download_image: url.</summary>
    public const string Url = "The image: an http(s) URL, or flux2://images/{id} (or just the id) of an image generated earlier.";

    /// <summary>download_image: path.</summary>
    public const string Path =
        "File name or path relative to the output directory; must stay inside it. A .png, .jpg or .webp name gets that format (converted if needed). Default: a name from the URL or id.";

    /// <summary>download_image: overwrite.</summary>
    public const string Overwrite = "Replace an existing file at path. Default false (an existing file is an error).";
}
