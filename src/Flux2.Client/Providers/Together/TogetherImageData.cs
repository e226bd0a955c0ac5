using System.Text.Json.Serialization;

namespace Flux2.Client;

/// <summary>One image of a Together answer: a URL or base64.</summary>
internal sealed class TogetherImageData
{
    [JsonPropertyName("index")]
    public int? Index { get; set; }

    /// <summary>"url" or "b64_json".</summary>
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("url")]
    public string? Url { get; set; }

    [JsonPropertyName("b64_json")]
    public string? Base64Json { get; set; }
}
