using Flux2.Agents;
using Microsoft.Agents.AI.Workflows;

namespace ImageWorkflow.Executors;

/// <summary>The last step: downloads the refined image under the brief's file name (atomically, behind the download guards) and yields it as the workflow's output.</summary>
[YieldsOutput(typeof(FinalImage))]
internal sealed class DownloadExecutor(Flux2ImageTools tools) : Executor<RefinedImage>("download")
{
    public override async ValueTask HandleAsync(RefinedImage message, IWorkflowContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(context);
        var saved = await tools.DownloadImageAsync(new Flux2DownloadImageInput
        {
            Url = message.Uri,
            Path = message.Choice.Chosen.Brief.FinalFileName,
            Overwrite = true,
        }, cancellationToken);
        string path = saved.Path ?? throw new InvalidOperationException("download_image wrote no file: Flux2:Tools:SaveDownloads is off.");
        await context.YieldOutputAsync(new FinalImage(message, path, saved.Bytes, saved.Width, saved.Height, saved.Sha256), cancellationToken);
    }
}
