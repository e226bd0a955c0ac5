using System.Text.Json.Serialization;

namespace Flux2.Client;

/// <summary>Replicate's problem-details error body.</summary>
internal sealed class ReplicateProblem
{
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("title")]
    public string? Title { get; set; }

    [JsonPropertyName("status")]
    public int? Status { get; set; }

    [JsonPropertyName("detail")]
    public string? Detail { get; set; }
}
