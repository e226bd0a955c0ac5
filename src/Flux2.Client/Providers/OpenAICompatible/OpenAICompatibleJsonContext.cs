using System.Text.Json.Serialization;

namespace Flux2.Client;

/// <summary>Source-generated serialization of the OpenAI-style wire types.</summary>
[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(OpenAIImagesResponse))]
[JsonSerializable(typeof(OpenAICompatibleErrorBody))]
internal sealed partial class OpenAICompatibleJsonContext : JsonSerializerContext;
