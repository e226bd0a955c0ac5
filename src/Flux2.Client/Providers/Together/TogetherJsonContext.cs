using System.Text.Json.Serialization;

namespace Flux2.Client;

/// <summary>Source-generated serialization of Together's wire types.</summary>
[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(TogetherImageResponse))]
[JsonSerializable(typeof(TogetherErrorBody))]
internal sealed partial class TogetherJsonContext : JsonSerializerContext;
