using System.Text.Json;
using System.Text.Json.Serialization;

namespace Flux2.Client;

/// <summary>The inside of Together's error envelope.</summary>
internal sealed class TogetherError
{
    [JsonPropertyName("message")]
    public string? Message { get; set; }

    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("param")]
    public string? Param { get; set; }

    /// <summary>A string or a number depending on the error; read leniently.</summary>
    [JsonPropertyName("code")]
    public JsonElement? Code { get; set; }
}
