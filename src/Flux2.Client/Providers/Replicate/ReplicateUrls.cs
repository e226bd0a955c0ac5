using System.Text.Json.Serialization;

namespace Flux2.Client;

/// <summary>Where a Replicate prediction can be read and cancelled.</summary>
internal sealed class ReplicateUrls
{
    [JsonPropertyName("get")]
    public string? Get { get; set; }

    [JsonPropertyName("cancel")]
    public string? Cancel { get; set; }

    [JsonPropertyName("stream")]
    public string? Stream { get; set; }

    [JsonPropertyName("web")]
    public string? Web { get; set; }
}
