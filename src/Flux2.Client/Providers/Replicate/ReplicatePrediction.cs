using System.Text.Json;
using System.Text.Json.Serialization;

namespace Flux2.Client;

/// <summary>A Replicate prediction as returned by create, get and cancel.</summary>
internal sealed class ReplicatePrediction
{
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("model")]
    public string? Model { get; set; }

    /// <summary>starting, processing, succeeded, failed, canceled or aborted.</summary>
    [JsonPropertyName("status")]
    public string? Status { get; set; }

    /// <summary>A URL string (pro/dev/flex) or an array of URLs (klein); both are accepted for every model.</summary>
    [JsonPropertyName("output")]
    public JsonElement? Output { get; set; }

    /// <summary>The failure message: usually a string, read leniently.</summary>
    [JsonPropertyName("error")]
    public JsonElement? Error { get; set; }

    [JsonPropertyName("logs")]
    public string? Logs { get; set; }

    [JsonPropertyName("created_at")]
    public DateTimeOffset? CreatedAt { get; set; }

    [JsonPropertyName("started_at")]
    public DateTimeOffset? StartedAt { get; set; }

    [JsonPropertyName("completed_at")]
    public DateTimeOffset? CompletedAt { get; set; }

    [JsonPropertyName("metrics")]
    public ReplicateMetrics? Metrics { get; set; }

    [JsonPropertyName("urls")]
    public ReplicateUrls? Urls { get; set; }
}
