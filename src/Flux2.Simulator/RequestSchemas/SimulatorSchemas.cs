using System.Collections.Frozen;
using System.Text.Json;
using Json.Schema;

namespace Flux2.Simulator;

/// <summary>
/// The per-model request schemas: JSON Schema files written from each model's published input schema (Replicate's
/// per-version schema, fal's per-endpoint schema, the BFL, AIML, Together and Segmind API references), embedded in this
/// assembly under <c>Schemas/{provider}/{endpoint}.json</c>. The dialects check every request against them; tests read
/// them to validate what the adapters send. Every schema has <c>additionalProperties: false</c>.
/// </summary>
public static class SimulatorSchemas
{
    private const string Prefix = "Flux2.Simulator.Schemas/";

    private static readonly Lazy<FrozenDictionary<string, SimulatorSchema>> Loaded = new(Load);

    /// <summary>Every schema, keyed "provider/endpoint" (for example "fal/fal-ai/flux-2-pro/edit").</summary>
    public static IReadOnlyCollection<SimulatorSchema> All => Loaded.Value.Values;

    /// <summary>The schema of one endpoint of one provider, or null when none is kept (then nothing is checked).</summary>
    /// <param name="provider">fal, bfl, replicate, together, aiml or segmind.</param>
    /// <param name="endpoint">The provider's id of the endpoint: fal app id, BFL path, Replicate model, Together/AIML model, Segmind slug.</param>
    public static SimulatorSchema? Find(string provider, string endpoint) =>
        Loaded.Value.TryGetValue($"{provider}/{endpoint.Trim('/')}", out var schema) ? schema : null;

    private static FrozenDictionary<string, SimulatorSchema> Load()
    {
        var assembly = typeof(SimulatorSchemas).Assembly;
        var schemas = new Dictionary<string, SimulatorSchema>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal)))
        {
            var key = name[Prefix.Length..^".json".Length].Replace('\\', '/');
            var slash = key.IndexOf('/', StringComparison.Ordinal);
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            var text = reader.ReadToEnd();
            // Each file builds in its own registry: the files carry no $id, and must not collide in the global one.
            var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
            var schema = JsonSchema.FromText(text, options, new Uri($"https://flux2.simulator/schemas/{Uri.EscapeDataString(key)}"));
            using var document = JsonDocument.Parse(text);
            IReadOnlyList<string> required = document.RootElement.TryGetProperty("required", out var names) && names.ValueKind == JsonValueKind.Array
                ? [.. names.EnumerateArray().Select(n => n.GetString()!)]
                : [];
            schemas[key] = new SimulatorSchema(key[..slash], key[(slash + 1)..], schema, required);
        }

        return schemas.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
