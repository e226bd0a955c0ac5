using Flux2.Agents;
using Microsoft.Agents.AI.Workflows;

namespace ImageWorkflow.Executors;

/// <summary>Refines the chosen candidate: the refinement prompt, with the candidate as reference image 1 (by id: the tool core sends the stored bytes).</summary>
internal sealed class RefineExecutor(Flux2ImageTools tools) : Executor<CandidateChoice, RefinedImage>("refine")
{
    public override async ValueTask<RefinedImage> HandleAsync(CandidateChoice message, IWorkflowContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var chosen = message.Chosen;
        var result = await tools.GenerateImageAsync(new Flux2GenerateImageInput
        {
            Prompt = chosen.Brief.RefinePrompt,
            ReferenceImages = [chosen.Uri],
            Seed = chosen.Seed,
            Size = chosen.Brief.Size,
            OutputFormat = chosen.Brief.OutputFormat,
        }, cancellationToken: cancellationToken);

        string uri = result.Images.FirstOrDefault(i => i.Uri is not null)?.Uri
            ?? throw new InvalidOperationException($"The refinement came back without a stored image: {string.Join("; ", result.Warnings)}");
        return new RefinedImage(message, uri, result.Provider, result.Model, result.Simulated);
    }
}
