namespace ImageWorkflow;

/// <summary>The answer to a <see cref="CandidateChoiceRequest"/>: the chosen candidate and who or what chose it.</summary>
/// <param name="Chosen">One of the offered candidates.</param>
/// <param name="Reason">How it was chosen, e.g. "rule: largest file" or "console".</param>
internal sealed record CandidateChoice(Candidate Chosen, string Reason);
