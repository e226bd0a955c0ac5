using System.Text.Json.Serialization;

namespace BatchPipeline;

/// <summary>Source-generated JSON for summary.json.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(BatchItem[]))]
internal sealed partial class BatchJsonContext : JsonSerializerContext;
