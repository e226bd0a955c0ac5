using Microsoft.Agents.AI.Workflows;

namespace ImageWorkflow.Executors;

/// <summary>
/// Behind the fan-in barrier: receives every candidate (one message each, released together) and asks the choice port to pick one.
/// </summary>
[SendsMessage(typeof(CandidateChoiceRequest))]
internal sealed class CollectCandidatesExecutor(int expected) : Executor<Candidate>("collect")
{
    private readonly List<Candidate> _received = [];

    public override async ValueTask HandleAsync(Candidate message, IWorkflowContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        _received.Add(message);
        if (_received.Count < expected)
        {
            return;
        }

        var candidates = _received.OrderBy(c => c.Number).ToList();
        _received.Clear();
        await context.SendMessageAsync(new CandidateChoiceRequest(candidates), cancellationToken);
    }
}
