using System.Text.Json;
using System.Text.Json.Serialization;

namespace Flux2.Client;

/// <summary>One answer of BFL's polling URL.</summary>
internal sealed class BflPollResponse
{
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    /// <summary>Pending, Ready, Error, Task not found, Request Moderated or Content Moderated.</summary>
    [JsonPropertyName("status")]
    public string? Status { get; set; }

    [JsonPropertyName("result")]
    public BflResult? Result { get; set; }

    /// <summary>Fraction done while pending (0..1), when reported.</summary>
    [JsonPropertyName("progress")]
    public double? Progress { get; set; }

    /// <summary>Moderation reasons and error details; shape varies, so it is read leniently.</summary>
    [JsonPropertyName("details")]
    public JsonElement? Details { get; set; }

    /// <summary>Cost in credits, when the poll reports it.</summary>
    [JsonPropertyName("cost")]
    public double? Cost { get; set; }
}
