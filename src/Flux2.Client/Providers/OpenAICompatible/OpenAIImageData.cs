using System.Text.Json.Serialization;

namespace Flux2.Client;

/// <summary>One image of an OpenAI-style answer: a URL or base64.</summary>
internal sealed class OpenAIImageData
{
    [JsonPropertyName("url")]
    public string? Url { get; set; }

    [JsonPropertyName("b64_json")]
    public string? Base64Json { get; set; }

    [JsonPropertyName("content_type")]
    public string? ContentType { get; set; }

    [JsonPropertyName("width")]
    public int? Width { get; set; }

    [JsonPropertyName("height")]
    public int? Height { get; set; }

    [JsonPropertyName("seed")]
    public long? Seed { get; set; }
}
