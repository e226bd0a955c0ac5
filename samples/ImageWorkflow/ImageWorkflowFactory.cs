using Flux2.Agents;
using ImageWorkflow.Executors;
using Microsoft.Agents.AI.Workflows;

namespace ImageWorkflow;

/// <summary>
/// Builds the graph: brief -> (fan-out) one generator per seed -> (fan-in barrier) collect -> choice port -> refine -> download.
/// </summary>
internal static class ImageWorkflowFactory
{
    /// <summary>The id of the <see cref="RequestPort"/> that asks which candidate to refine.</summary>
    public const string ChoicePortId = "choose";

    public static Workflow Build(Flux2ImageTools tools, IReadOnlyList<long> seeds)
    {
        ArgumentNullException.ThrowIfNull(tools);
        ArgumentNullException.ThrowIfNull(seeds);
        if (seeds.Count == 0 || seeds.Distinct().Count() != seeds.Count)
        {
            throw new ArgumentException("Give at least one seed, each different.", nameof(seeds));
        }

        var brief = new BriefExecutor();
        ExecutorBinding[] generators = [.. seeds.Select((seed, i) => (ExecutorBinding)new GenerateCandidateExecutor(tools, i + 1, seed))];
        var collect = new CollectCandidatesExecutor(seeds.Count);
        var choose = RequestPort.Create<CandidateChoiceRequest, CandidateChoice>(ChoicePortId);
        var refine = new RefineExecutor(tools);
        var download = new DownloadExecutor(tools);

        return new WorkflowBuilder(brief)
            .WithName("flux2-image-workflow")
            .AddFanOutEdge(brief, generators)
            .AddFanInBarrierEdge(generators, collect)
            .AddEdge(collect, choose)
            .AddEdge(choose, refine)
            .AddEdge(refine, download)
            .WithOutputFrom(download)
            .Build();
    }
}
