using System.Text.Json.Serialization;

namespace Flux2.Client;

/// <summary>Source-generated serialization of BFL's wire types.</summary>
[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(BflSubmitResponse))]
[JsonSerializable(typeof(BflPollResponse))]
internal sealed partial class BflJsonContext : JsonSerializerContext;
