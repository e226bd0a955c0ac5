namespace ImageWorkflow;

/// <summary>What the choice port asks the outside world: pick one of these candidates.</summary>
/// <param name="Candidates">Every candidate, in seed order.</param>
internal sealed record CandidateChoiceRequest(IReadOnlyList<Candidate> Candidates);
