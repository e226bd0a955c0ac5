using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Flux2.Agents;
using Flux2.Client;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using D = Flux2.Agents.Flux2ToolDescriptions;

namespace Flux2.Mcp;

/// <summary>The MCP face of the tool core: generate_image and download_image, thin adapters over <see cref="Flux2ImageTools"/>.</summary>
/// <remarks>Parameter names are the wire names (snake_case), hence the naming-rule suppression on this internal type.</remarks>
[McpServerToolType]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Style", "IDE1006:Naming Styles", Justification = "Parameter names are the tools' wire names.")]
internal sealed class Flux2McpTools(Flux2ImageTools tools, Flux2McpResultRenderer renderer, ILogger<Flux2McpTools> logger)
{
    /// <summary>generate_image.</summary>
    [McpServerTool(Name = Flux2ToolNames.GenerateImage, Title = "Generate image (FLUX.2)", ReadOnly = false, Destructive = false,
        Idempotent = false, OpenWorld = true, UseStructuredContent = true, OutputSchemaType = typeof(Flux2GenerateImageOutput))]
    [Description(D.GenerateImage)]
    public async Task<CallToolResult> GenerateImageAsync(
        [Description(D.Prompt), Required, StringLength(32_000, MinimumLength = 1)] string prompt,
        IProgress<ProgressNotificationValue> progress,
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
            Prompt = prompt,
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
            var output = await tools.GenerateImageAsync(input, new ProgressRelay(progress), cancellationToken).ConfigureAwait(false);
            return renderer.Render(output);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return Fail(Flux2ToolNames.GenerateImage, ex);
        }
    }

    /// <summary>download_image.</summary>
    /// <remarks>Destructive is true because overwrite=true replaces an existing file; the default refuses to.</remarks>
    [McpServerTool(Name = Flux2ToolNames.DownloadImage, Title = "Download image", ReadOnly = false, Destructive = true,
        Idempotent = true, OpenWorld = true, UseStructuredContent = true, OutputSchemaType = typeof(Flux2DownloadImageOutput))]
    [Description(D.DownloadImage)]
    public async Task<CallToolResult> DownloadImageAsync(
        [Description(D.Url), Required, StringLength(32_000, MinimumLength = 1)] string url,
        [Description(D.Path)] string? path = null,
        [Description(D.Overwrite)] bool overwrite = false,
        CancellationToken cancellationToken = default)
    {
        try
        {
            var output = await tools.DownloadImageAsync(new Flux2DownloadImageInput { Url = url, Path = path, Overwrite = overwrite }, cancellationToken)
                .ConfigureAwait(false);
            return renderer.Render(output);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return Fail(Flux2ToolNames.DownloadImage, ex);
        }
    }

    private CallToolResult Fail(string tool, Exception exception)
    {
        var error = Flux2ToolError.From(exception);
        if (exception is Flux2Exception)
        {
            logger.LogInformation("{Tool} failed: {Error}", tool, error.Error);
        }
        else
        {
            logger.LogError(exception, "{Tool} failed unexpectedly", tool);
        }

        return Flux2McpResultRenderer.Render(error);
    }

    /// <summary>Turns the caller's progress reports into MCP progress notifications (queue position, provider log lines).</summary>
    private sealed class ProgressRelay(IProgress<ProgressNotificationValue> target) : IProgress<Flux2Progress>
    {
        private int _step;

        public void Report(Flux2Progress value)
        {
            string message = value.Status switch
            {
                Flux2ProgressStatus.Queued when value.QueuePosition is { } position => $"queued at position {position}",
                Flux2ProgressStatus.Queued => "queued",
                Flux2ProgressStatus.Running => "running",
                Flux2ProgressStatus.Completed => "completed; fetching the images",
                Flux2ProgressStatus.Waiting => "waiting for a free slot",
                Flux2ProgressStatus.Retrying => "retrying after a transient failure",
                _ => value.Status.ToString().ToLowerInvariant(),
            };
            if (!string.IsNullOrWhiteSpace(value.Message))
            {
                message += ": " + value.Message;
            }

            if (value.Provider is { } provider)
            {
                message = provider + " " + message;
            }

            target.Report(new ProgressNotificationValue { Progress = Interlocked.Increment(ref _step), Message = message });
        }
    }
}
