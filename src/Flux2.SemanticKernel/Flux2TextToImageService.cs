using Flux2.Agents;
using Flux2.Client;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.Services;
using Microsoft.SemanticKernel.TextToImage;

namespace Flux2.SemanticKernel;

// SKEXP0001: ITextToImageService is marked experimental in Semantic Kernel 1.82; implementing it is the point of this adapter,
// so that existing SK code asking the kernel for text-to-image gets FLUX.2.
#pragma warning disable SKEXP0001

/// <summary>
/// Semantic Kernel's <see cref="ITextToImageService"/> over the tool core, so SK code that asks for text-to-image gets FLUX.2.
/// Execution settings: <see cref="PromptExecutionSettings.ModelId"/> is the model; <see cref="PromptExecutionSettings.ExtensionData"/> may hold
/// "width" and "height" (as SK's own <c>GenerateImageAsync(description, width, height)</c> sends them) and the other names
/// <see cref="Flux2RequestSettings"/> reads ("size", "resolution", "layout", "mode", "grounding", "seed", "num_images", "output_format",
/// "guidance_scale", "num_inference_steps", "safety_tolerance", "provider").
/// Each image comes back with its bytes, its URL (the provider's, else the saved file's, else flux2://images/{id}) and metadata
/// (id, path, seed, provider, model, cost, simulated). Failures throw <see cref="Flux2Exception"/>.
/// </summary>
public sealed class Flux2TextToImageService : ITextToImageService
{
    private readonly Flux2ImageTools _tools;
    private readonly Dictionary<string, object?> _attributes;

    /// <summary>Creates the service over a tool core.</summary>
    public Flux2TextToImageService(Flux2ImageTools tools, IOptions<Flux2ClientOptions> clientOptions)
    {
        ArgumentNullException.ThrowIfNull(tools);
        ArgumentNullException.ThrowIfNull(clientOptions);
        _tools = tools;
        _attributes = new Dictionary<string, object?> { [AIServiceExtensions.ModelIdKey] = clientOptions.Value.Model };
    }

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, object?> Attributes => _attributes;

    /// <inheritdoc/>
    public async Task<IReadOnlyList<ImageContent>> GetImageContentsAsync(
        TextContent input, PromptExecutionSettings? executionSettings = null, Kernel? kernel = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var request = ToInput(input.Text ?? "", executionSettings);
        var output = await _tools.GenerateImageAsync(request, progress: null, cancellationToken).ConfigureAwait(false);
        var images = new List<ImageContent>(output.Images.Count);
        foreach (var image in output.Images)
        {
            ImageContent content = image.Id is { } id && await _tools.Store.GetAsync(id, cancellationToken).ConfigureAwait(false) is { } stored
                ? new ImageContent(stored.Data, stored.ContentType)
                : new ImageContent { MimeType = image.ContentType };
            content.Uri = ImageUri(image);
            content.ModelId = output.Model;
            content.InnerContent = image;
            content.Metadata = new Dictionary<string, object?>
            {
                ["id"] = image.Id,
                ["uri"] = image.Uri,
                ["path"] = image.Path,
                ["width"] = image.Width,
                ["height"] = image.Height,
                ["seed"] = image.Seed ?? output.Seed,
                ["provider"] = output.Provider,
                ["model"] = output.Model,
                ["revised_prompt"] = output.RevisedPrompt,
                ["grounding"] = output.Grounding,
                ["c2pa"] = image.C2pa,
                ["estimated_cost_usd"] = output.Cost.EstimatedUsd,
                ["warnings"] = output.Warnings,
                ["simulated"] = output.Simulated,
                ["note"] = output.Note,
            };
            images.Add(content);
        }

        return images;
    }

    /// <summary>Maps the prompt and the execution settings to the tool core's input (names and types as <see cref="Flux2RequestSettings"/> reads them).</summary>
    /// <exception cref="Flux2Exception"><see cref="Flux2ErrorKind.InvalidArgument"/> for a setting of the wrong type.</exception>
    internal static Flux2GenerateImageInput ToInput(string prompt, PromptExecutionSettings? settings)
    {
        var request = new Flux2ImageRequest { Prompt = prompt, Model = settings?.ModelId };
        Flux2RequestSettings.Apply(request, settings?.ExtensionData?.Select(pair => new KeyValuePair<string, object?>(pair.Key, pair.Value)));
        return new Flux2GenerateImageInput
        {
            Prompt = request.Prompt,
            Model = request.Model,
            Size = request.Size,
            Resolution = request.Resolution,
            Layout = [.. request.Layout.Select(box => new Flux2LayoutInput { Label = box.Label, Box = [.. box.Box], Description = box.Description })],
            Mode = request.Mode,
            Grounding = request.Grounding,
            Seed = request.Seed,
            NumImages = request.NumImages,
            OutputFormat = request.OutputFormat,
            GuidanceScale = request.GuidanceScale,
            NumInferenceSteps = request.Steps,
            SafetyTolerance = request.SafetyTolerance,
            Provider = request.Provider,
        };
    }

    private static Uri? ImageUri(Flux2ToolImage image)
    {
        if (image.Url is { } url && Uri.TryCreate(url, UriKind.Absolute, out var provider) && provider.Scheme != "data")
        {
            return provider;
        }

        if (image.Path is { } path)
        {
            return new Uri(path);
        }

        return image.Uri is { } resource ? new Uri(resource) : null;
    }
}
