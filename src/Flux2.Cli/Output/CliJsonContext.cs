using System.Text.Json;
using System.Text.Json.Serialization;

namespace Flux2.Cli;

/// <summary>Source-generated JSON for everything the command prints or reads: snake_case names, no reflection.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(GenerateOutput))]
[JsonSerializable(typeof(ErrorEnvelope))]
[JsonSerializable(typeof(DownloadOutput))]
[JsonSerializable(typeof(ModelsOutput))]
[JsonSerializable(typeof(BatchRequestLine))]
[JsonSerializable(typeof(BatchReportEntry))]
[JsonSerializable(typeof(List<Flux2.Client.Flux2LayoutBox>))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
