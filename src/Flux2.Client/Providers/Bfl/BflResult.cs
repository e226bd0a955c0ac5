using System.Text.Json.Serialization;

namespace Flux2.Client;

/// <summary>The <c>result</c> of a Ready BFL task.</summary>
internal sealed class BflResult
{
    /// <summary>Signed URL of the image (expires after about 10 minutes).</summary>
    [JsonPropertyName("sample")]
    public string? Sample { get; set; }

    /// <summary>The prompt the model ran (FLUX 3 family: the expanded prompt).</summary>
    [JsonPropertyName("prompt")]
    public string? Prompt { get; set; }

    [JsonPropertyName("seed")]
    public long? Seed { get; set; }

    [JsonPropertyName("start_time")]
    public double? StartTime { get; set; }

    [JsonPropertyName("end_time")]
    public double? EndTime { get; set; }

    /// <summary>Generation time in seconds.</summary>
    [JsonPropertyName("duration")]
    public double? Duration { get; set; }
}
