using System.Collections.Frozen;
using System.Globalization;

namespace Flux2.Client;

/// <summary>
/// What one provider's documentation says about sending a paid request (a submit or a sync generation) again after an error
/// answer, and about stopping a job it accepted. Each adapter's <c>*Errors</c> class holds its provider's rules with the page they
/// come from; the resilience pipeline reads <see cref="RepeatableStatuses"/> from each paid request, and the messages say what was
/// decided. A time-out (408, 504, or no answer) or a connection dropped mid-request is never repeated whatever the rules: its outcome
/// is unknown, and a second paid job could result.
/// </summary>
internal sealed record Flux2ProviderRules
{
    /// <summary>The rules of an endpoint whose documentation says nothing: 429, 502 and 503 only (answers a gateway gives before the service acts).</summary>
    public static Flux2ProviderRules Conservative { get; } = new(
        [429, 502, 503],
        "an endpoint whose documentation says nothing about repeating a request: only 429, 502 and 503 are taken as 'not acted on'");

    /// <summary>Creates the rules.</summary>
    /// <param name="repeatableStatuses">Statuses after which a paid request is sent again (the provider did not act on it, or does not bill it).</param>
    /// <param name="source">Where the decision comes from: the provider's page, quoted briefly.</param>
    /// <param name="noCancel">Why an accepted job cannot be cancelled, when it cannot; null when the adapter cancels jobs it gives up on.</param>
    public Flux2ProviderRules(IEnumerable<int> repeatableStatuses, string source, string? noCancel = null)
    {
        ArgumentNullException.ThrowIfNull(repeatableStatuses);
        ArgumentException.ThrowIfNullOrEmpty(source);
        RepeatableStatuses = repeatableStatuses.ToFrozenSet();
        Source = source;
        NoCancel = noCancel;
    }

    /// <summary>Statuses after which a paid request is sent again.</summary>
    public FrozenSet<int> RepeatableStatuses { get; }

    /// <summary>Where the decision comes from.</summary>
    public string Source { get; }

    /// <summary>Why an accepted job cannot be cancelled, when it cannot.</summary>
    public string? NoCancel { get; }

    /// <summary>Whether a paid request answered <paramref name="status"/> may be sent again.</summary>
    public bool Repeats(int status) => RepeatableStatuses.Contains(status);

    /// <summary>The repeatable statuses as text, e.g. "429, 500, 502 or 503".</summary>
    public string Describe()
    {
        string[] statuses = [.. RepeatableStatuses.Order().Select(s => s.ToString(CultureInfo.InvariantCulture))];
        return statuses.Length <= 1 ? string.Join("", statuses) : string.Join(", ", statuses[..^1]) + " or " + statuses[^1];
    }
}
