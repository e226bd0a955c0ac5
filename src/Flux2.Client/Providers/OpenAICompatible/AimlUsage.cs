using System.Text.Json.Serialization;

namespace Flux2.Client;

/// <summary>AIML API's usage figure: credits used ($1 = 2,000,000 credits), named credits_used or tokens_used, or dollars as usd_spent (flux-2-edit).</summary>
internal sealed class AimlUsage
{
    [JsonPropertyName("credits_used")]
    public double? CreditsUsed { get; set; }

    [JsonPropertyName("tokens_used")]
    public double? TokensUsed { get; set; }

    [JsonPropertyName("usd_spent")]
    public double? UsdSpent { get; set; }
}
