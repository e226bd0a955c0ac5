using System.Globalization;
using System.Text.Json;
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
/// "width" and "height" (as SK's own <c>GenerateImageAsync(description, width, height)</c> sends them), "size", "seed", "num_images",
/// "output_format", "guidance_scale", "num_inference_steps", "safety_tolerance" and "provider".
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
                ["estimated_cost_usd"] = output.Cost.EstimatedUsd,
                ["warnings"] = output.Warnings,
                ["simulated"] = output.Simulated,
                ["note"] = output.Note,
            };
            images.Add(content);
        }

        return images;
    }

    /// <summary>Maps the prompt and the execution settings to the tool core's input.</summary>
    /// <exception cref="Flux2Exception"><see cref="Flux2ErrorKind.InvalidArgument"/> for a setting of the wrong type.</exception>
    internal static Flux2GenerateImageInput ToInput(string prompt, PromptExecutionSettings? settings)
    {
        var input = new Flux2GenerateImageInput { Prompt = prompt, Model = settings?.ModelId };
        if (settings?.ExtensionData is not { Count: > 0 } data)
        {
            return input;
        }

        var values = new Dictionary<string, object>(data, StringComparer.OrdinalIgnoreCase);
        long? width = Integer(values, "width");
        long? height = Integer(values, "height");
        if (width is not null || height is not null)
        {
            input.Size = string.Create(CultureInfo.InvariantCulture, $"{width ?? height}x{height ?? width}");
        }

        input.Size = Text(values, "size") ?? input.Size;
        input.Model = Text(values, "model") ?? input.Model;
        input.Seed = Integer(values, "seed");
        input.NumImages = (int?)(Integer(values, "num_images") ?? Integer(values, "count"));
        input.OutputFormat = Text(values, "output_format");
        input.GuidanceScale = Number(values, "guidance_scale");
        input.NumInferenceSteps = (int?)Integer(values, "num_inference_steps");
        input.SafetyTolerance = (int?)Integer(values, "safety_tolerance");
        input.Provider = Text(values, "provider");
        return input;
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

    private static string? Text(Dictionary<string, object> values, string key) =>
        values.TryGetValue(key, out object? value) ? value switch
        {
            null => null,
            string text => text,
            JsonElement { ValueKind: JsonValueKind.String } json => json.GetString(),
            JsonElement { ValueKind: JsonValueKind.Null } => null,
            _ => Convert.ToString(value, CultureInfo.InvariantCulture),
        } : null;

    private static long? Integer(Dictionary<string, object> values, string key) =>
        values.TryGetValue(key, out object? value) ? value switch
        {
            null => null,
            long l => l,
            int i => i,
            short s => s,
            double d when d == Math.Floor(d) => (long)d,
            decimal m when m == decimal.Floor(m) => (long)m,
            string text when long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long parsed) => parsed,
            JsonElement { ValueKind: JsonValueKind.Number } json when json.TryGetInt64(out long parsed) => parsed,
            JsonElement { ValueKind: JsonValueKind.String } json when long.TryParse(json.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out long parsed) => parsed,
            _ => throw WrongType(key, "an integer"),
        } : null;

    private static double? Number(Dictionary<string, object> values, string key) =>
        values.TryGetValue(key, out object? value) ? value switch
        {
            null => null,
            double d => d,
            float f => f,
            decimal m => (double)m,
            long l => l,
            int i => i,
            string text when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed) => parsed,
            JsonElement { ValueKind: JsonValueKind.Number } json => json.GetDouble(),
            _ => throw WrongType(key, "a number"),
        } : null;

    private static Flux2Exception WrongType(string key, string expected) =>
        new(Flux2ErrorKind.InvalidArgument, $"Execution setting \"{key}\" must be {expected}.") { Parameter = key };
}
