namespace Flux2.Simulator;

/// <summary>What a request schema found in a body.</summary>
/// <param name="UnknownFields">Top-level fields the model's schema does not list (providers ignore them silently).</param>
/// <param name="Problems">Wrong types, values out of range and missing required fields (providers answer 422).</param>
public sealed record SchemaCheck(IReadOnlyList<string> UnknownFields, IReadOnlyList<SchemaProblem> Problems)
{
    /// <summary>The check of a body that matches its schema.</summary>
    public static SchemaCheck Valid { get; } = new([], []);

    /// <summary>True when the body matches its schema exactly.</summary>
    public bool IsValid => UnknownFields.Count == 0 && Problems.Count == 0;
}
