using System.Text.Json.Serialization;

namespace Flux2.Client;

/// <summary>BFL's answer to a submit: the task id, where to poll it, and what it costs.</summary>
internal sealed class BflSubmitResponse
{
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("polling_url")]
    public string? PollingUrl { get; set; }

    [JsonPropertyName("status")]
    public string? Status { get; set; }

    /// <summary>Cost in credits (1 credit = $0.01).</summary>
    [JsonPropertyName("cost")]
    public double? Cost { get; set; }

    [JsonPropertyName("input_mp")]
    public double? InputMegapixels { get; set; }

    [JsonPropertyName("output_mp")]
    public double? OutputMegapixels { get; set; }
}
