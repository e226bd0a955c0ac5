using System.Text.Json.Serialization;

namespace Flux2.Client;

/// <summary>Together's answer to an image generation.</summary>
internal sealed class TogetherImageResponse
{
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("model")]
    public string? Model { get; set; }

    [JsonPropertyName("data")]
    public List<TogetherImageData>? Data { get; set; }
}
