using System.Text.Json;
using System.Text.Json.Serialization;

namespace Flux2.Client;

/// <summary>
/// An error body of an OpenAI-style endpoint, read leniently: OpenAI's <c>{"error":{message,type,param,code}}</c>
/// (or <c>{"error":"text"}</c>) and AIML API's <c>{"message","path","requestId","statusCode","timestamp"}</c>,
/// where <c>message</c> may be a string or a list of validation messages.
/// </summary>
internal sealed class OpenAICompatibleErrorBody
{
    [JsonPropertyName("error")]
    public JsonElement? Error { get; set; }

    [JsonPropertyName("message")]
    public JsonElement? Message { get; set; }

    [JsonPropertyName("detail")]
    public JsonElement? Detail { get; set; }

    [JsonPropertyName("path")]
    public string? Path { get; set; }

    [JsonPropertyName("requestId")]
    public string? RequestId { get; set; }

    [JsonPropertyName("statusCode")]
    public int? StatusCode { get; set; }
}
