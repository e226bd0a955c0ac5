using System.Text.Json.Serialization;

namespace Flux2.Client;

/// <summary>An OpenAI-style images answer (<c>data[]</c>), with AIML API's <c>meta.usage</c>.</summary>
internal sealed class OpenAIImagesResponse
{
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("created")]
    public long? Created { get; set; }

    [JsonPropertyName("data")]
    public List<OpenAIImageData>? Data { get; set; }

    /// <summary>AIML API only: what the call used.</summary>
    [JsonPropertyName("meta")]
    public AimlMeta? Meta { get; set; }
}
