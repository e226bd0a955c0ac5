using System.Text.Json.Serialization;

namespace Flux2.Client;

/// <summary>AIML API's usage figure: credits used ($1 = 2,000,000 credits).</summary>
internal sealed class AimlUsage
{
    [JsonPropertyName("credits_used")]
    public double? CreditsUsed { get; set; }
}
