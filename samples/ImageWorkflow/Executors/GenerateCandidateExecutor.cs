using Flux2.Agents;
using Microsoft.Agents.AI.Workflows;

namespace ImageWorkflow.Executors;

/// <summary>Generates one candidate with its own seed through the tool core; one of these runs per seed, all in the same step.</summary>
internal sealed class GenerateCandidateExecutor(Flux2ImageTools tools, int number, long seed)
    : Executor<ImageBrief, Candidate>($"candidate-{number}")
{
    public override async ValueTask<Candidate> HandleAsync(ImageBrief message, IWorkflowContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var result = await tools.GenerateImageAsync(new Flux2GenerateImageInput
        {
            Prompt = message.Prompt,
            Seed = seed,
            Size = message.Size,
            OutputFormat = message.OutputFormat,
        }, cancellationToken: cancellationToken);

        var image = result.Images.FirstOrDefault(i => i.Uri is not null)
            ?? throw new InvalidOperationException($"Candidate {number} (seed {seed}) came back without a stored image: {string.Join("; ", result.Warnings)}");
        return new Candidate(message, number, seed, image.Uri!, image.Path, image.Bytes ?? 0, image.Width, image.Height);
    }
}
