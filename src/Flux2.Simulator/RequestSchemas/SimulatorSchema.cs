using System.Text.Json;
using Json.Schema;

namespace Flux2.Simulator;

/// <summary>One endpoint's request schema, able to check a request body against it.</summary>
public sealed class SimulatorSchema
{
    private static readonly EvaluationOptions Options = new() { OutputFormat = OutputFormat.Hierarchical };

    private readonly JsonSchema _schema;

    private readonly IReadOnlyList<string> _required;

    internal SimulatorSchema(string provider, string endpoint, JsonSchema schema, IReadOnlyList<string> required)
    {
        Provider = provider;
        Endpoint = endpoint;
        _schema = schema;
        _required = required;
    }

    /// <summary>The provider (fal, bfl, replicate, together, aiml, segmind).</summary>
    public string Provider { get; }

    /// <summary>The provider's id of the endpoint.</summary>
    public string Endpoint { get; }

    /// <summary>
    /// Checks a body: fields the schema does not list are reported apart from wrong types, ranges and missing required
    /// fields, because providers ignore the former and reject the latter.
    /// </summary>
    public SchemaCheck Check(JsonElement body)
    {
        var results = _schema.Evaluate(body, Options);
        if (results.IsValid)
        {
            return SchemaCheck.Valid;
        }

        var unknown = new List<string>();
        var problems = new List<SchemaProblem>();
        Collect(results, body, unknown, problems);

        // Branches of oneOf report every failed alternative: keep each field once, and drop a field whose inner field
        // already says what is wrong (image_size when image_size/width is out of range).
        var distinct = problems
            .Where(p => !problems.Any(q => q.Field.StartsWith(p.Field + "/", StringComparison.Ordinal)))
            .GroupBy(p => p.Field, StringComparer.Ordinal)
            .Select(g => new SchemaProblem(g.Key, string.Join("; ", g.Select(p => p.Message).Distinct())))
            .ToList();
        return new SchemaCheck([.. unknown.Distinct()], distinct);
    }

    /// <summary>Walks the failing nodes only: a passing oneOf's failed alternative is not a problem.</summary>
    private void Collect(EvaluationResults node, JsonElement body, List<string> unknown, List<SchemaProblem> problems)
    {
        if (node.IsValid)
        {
            return;
        }

        var field = node.InstanceLocation.ToString().TrimStart('/');
        var path = node.EvaluationPath.ToString();
        if (path.EndsWith("/additionalProperties", StringComparison.Ordinal) && field.Length > 0 && !field.Contains('/', StringComparison.Ordinal))
        {
            unknown.Add(field);
            return;
        }

        if (node.Errors is { Count: > 0 } errors)
        {
            if (field.Length == 0 && errors.ContainsKey("required"))
            {
                // Name each missing field, as providers do, instead of the body as a whole.
                problems.AddRange(_required.Where(name => !body.TryGetProperty(name, out _)).Select(name => new SchemaProblem(name, "Field required")));
            }

            var rest = errors.Where(e => e.Key is not ("required" or "additionalProperties") || field.Length > 0).Select(e => e.Value).ToList();
            if (rest.Count > 0)
            {
                problems.Add(new SchemaProblem(field.Length == 0 ? "body" : field, string.Join("; ", rest)));
            }
        }

        foreach (var child in node.Details ?? [])
        {
            Collect(child, body, unknown, problems);
        }
    }
}
