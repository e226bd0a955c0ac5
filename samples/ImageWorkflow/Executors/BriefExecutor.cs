using Microsoft.Agents.AI.Workflows;

namespace ImageWorkflow.Executors;

/// <summary>The start of the workflow: checks the brief and hands it to every candidate generator (a fan-out edge).</summary>
internal sealed class BriefExecutor() : Executor<ImageBrief, ImageBrief>("brief")
{
    public override ValueTask<ImageBrief> HandleAsync(ImageBrief message, IWorkflowContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (string.IsNullOrWhiteSpace(message.Prompt) || string.IsNullOrWhiteSpace(message.RefinePrompt))
        {
            throw new ArgumentException("The brief needs a prompt and a refinement prompt.", nameof(message));
        }

        return ValueTask.FromResult(message);
    }
}
