using System.Globalization;

namespace ImageWorkflow;

/// <summary>
/// Answers the choice port. With a rule (<c>--choose largest</c>, <c>smallest</c> or a 1-based number) it applies the rule;
/// with no rule and a terminal on stdin it asks the person at the console; otherwise it takes the largest file (the most detail).
/// </summary>
internal sealed class CandidateChooser(string? rule, bool interactive, TextReader input, TextWriter output)
{
    private const string Allowed = "largest, smallest or a candidate number";

    /// <summary>Fails early, before anything is generated, when the rule is not one the chooser knows.</summary>
    public static string? Validate(string? rule, int candidates)
    {
        if (string.IsNullOrWhiteSpace(rule) || rule.Trim().ToLowerInvariant() is "largest" or "smallest")
        {
            return null;
        }

        return int.TryParse(rule, NumberStyles.Integer, CultureInfo.InvariantCulture, out int number) && number >= 1 && number <= candidates
            ? null
            : $"--choose '{rule}' is not allowed; use {Allowed} (1 to {candidates}).";
    }

    public CandidateChoice Choose(CandidateChoiceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(rule) && interactive)
        {
            return AskConsole(request);
        }

        return ByRule(request, string.IsNullOrWhiteSpace(rule) ? "largest" : rule.Trim().ToLowerInvariant());
    }

    private static CandidateChoice ByRule(CandidateChoiceRequest request, string rule) => rule switch
    {
        "largest" => new CandidateChoice(request.Candidates.MaxBy(c => c.Bytes)!, "rule: largest file"),
        "smallest" => new CandidateChoice(request.Candidates.MinBy(c => c.Bytes)!, "rule: smallest file"),
        _ => new CandidateChoice(request.Candidates.Single(c => c.Number == int.Parse(rule, CultureInfo.InvariantCulture)), $"rule: candidate {rule}"),
    };

    private CandidateChoice AskConsole(CandidateChoiceRequest request)
    {
        foreach (var candidate in request.Candidates)
        {
            output.WriteLine($"  {candidate.Number}) seed {candidate.Seed}, {candidate.Bytes} bytes: {candidate.Path ?? candidate.Uri}");
        }

        while (true)
        {
            output.Write($"Which candidate should be refined? [1-{request.Candidates.Count}, Enter = largest file] ");
            string? answer = input.ReadLine()?.Trim();
            if (string.IsNullOrEmpty(answer))
            {
                return ByRule(request, "largest");
            }

            if (int.TryParse(answer, NumberStyles.Integer, CultureInfo.InvariantCulture, out int number)
                && request.Candidates.FirstOrDefault(c => c.Number == number) is { } chosen)
            {
                return new CandidateChoice(chosen, "console");
            }

            output.WriteLine($"'{answer}' is not a candidate number.");
        }
    }
}
