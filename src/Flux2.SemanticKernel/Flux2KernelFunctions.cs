using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Flux2.Agents;
using Flux2.Client;
using Microsoft.Extensions.Logging;
using D = Flux2.Agents.Flux2ToolDescriptions;

namespace Flux2.SemanticKernel;

/// <summary>
/// The Semantic Kernel face of the tool core: generate_image and download_image as methods whose parameters carry the same
/// names, descriptions and constraints as the MCP tools. They return compact JSON text; a failure is returned as the
/// <see cref="Flux2ToolError"/> JSON (a result the model can read and act on), never thrown, except a cancellation.
/// </summary>
/// <remarks>Parameter names are the tools' wire names (snake_case), hence the naming-rule suppression on this internal type.</remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Style", "IDE1006:Naming Styles", Justification = "Parameter names are the tools' wire names.")]
internal sealed partial class Flux2KernelFunctions(Flux2ImageTools tools, ILogger logger)
{
    /// <summary>generate_image.</summary>
    [Description(D.GenerateImage)]
    public async Task<string> GenerateImageAsync(
        [Description(D.Prompt), Required, StringLength(32_000, MinimumLength = 1)] string prompt,
        [Description(D.Model), Flux2ModelValues] string? model = null,
        [Description(D.Size), Flux2SizePattern] string? size = null,
        [Description(D.NumImages), Range(1, 4)] int? num_images = null,
        [Description(D.Seed)] long? seed = null,
        [Description(D.GuidanceScale), Range(0.0, 30.0)] double? guidance_scale = null,
        [Description(D.NumInferenceSteps), Range(1, 100)] int? num_inference_steps = null,
        [Description(D.OutputFormat), Flux2OutputFormatValues] string? output_format = null,
        [Description(D.SafetyTolerance), Range(0, 6)] int? safety_tolerance = null,
        [Description(D.ReferenceImages)] string[]? reference_images = null,
        [Description(D.Provider), Flux2ProviderValues] string? provider = null,
        CancellationToken cancellationToken = default)
    {
        var input = new Flux2GenerateImageInput
        {
            Prompt = prompt ?? "",
            Model = model,
            Size = size,
            NumImages = num_images,
            Seed = seed,
            GuidanceScale = guidance_scale,
            NumInferenceSteps = num_inference_steps,
            OutputFormat = output_format,
            SafetyTolerance = safety_tolerance,
            ReferenceImages = reference_images,
            Provider = provider,
        };

        try
        {
            var output = await tools.GenerateImageAsync(input, progress: null, cancellationToken).ConfigureAwait(false);
            return JsonSerializer.Serialize(output, Flux2AgentsJsonContext.Default.Flux2GenerateImageOutput);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return Fail(Flux2ToolNames.GenerateImage, ex);
        }
    }

    /// <summary>download_image.</summary>
    [Description(D.DownloadImage)]
    public async Task<string> DownloadImageAsync(
        [Description(D.Url), Required, StringLength(32_000, MinimumLength = 1)] string url,
        [Description(D.Path)] string? path = null,
        [Description(D.Overwrite)] bool overwrite = false,
        CancellationToken cancellationToken = default)
    {
        try
        {
            var output = await tools.DownloadImageAsync(new Flux2DownloadImageInput { Url = url ?? "", Path = path, Overwrite = overwrite }, cancellationToken)
                .ConfigureAwait(false);
            return JsonSerializer.Serialize(output, Flux2AgentsJsonContext.Default.Flux2DownloadImageOutput);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return Fail(Flux2ToolNames.DownloadImage, ex);
        }
    }

    /// <summary>Renders a failure as the tool error JSON and logs it (unexpected failures with their exception, for the operator only).</summary>
    internal string Fail(string tool, Exception exception)
    {
        var error = Flux2ToolError.From(exception);
        if (exception is Flux2Exception)
        {
            LogFailed(logger, tool, error.Error);
        }
        else
        {
            LogUnexpected(logger, exception, tool);
        }

        return JsonSerializer.Serialize(error, Flux2AgentsJsonContext.Default.Flux2ToolError);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Tool} failed: {Error}")]
    private static partial void LogFailed(ILogger logger, string tool, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Tool} failed unexpectedly")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string tool);
}
