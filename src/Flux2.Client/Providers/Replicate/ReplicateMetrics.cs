using System.Text.Json.Serialization;

namespace Flux2.Client;

/// <summary>Timings of a Replicate prediction, in seconds.</summary>
internal sealed class ReplicateMetrics
{
    [JsonPropertyName("predict_time")]
    public double? PredictTime { get; set; }

    [JsonPropertyName("total_time")]
    public double? TotalTime { get; set; }
}
