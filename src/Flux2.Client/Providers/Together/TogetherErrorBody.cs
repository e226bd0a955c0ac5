using System.Text.Json.Serialization;

namespace Flux2.Client;

/// <summary>Together's (OpenAI-style) error envelope <c>{"error":{...}}</c>.</summary>
internal sealed class TogetherErrorBody
{
    [JsonPropertyName("error")]
    public TogetherError? Error { get; set; }
}
