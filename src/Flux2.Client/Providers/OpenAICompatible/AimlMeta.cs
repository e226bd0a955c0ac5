using System.Text.Json.Serialization;

namespace Flux2.Client;

/// <summary>AIML API's <c>meta</c> block.</summary>
internal sealed class AimlMeta
{
    [JsonPropertyName("usage")]
    public AimlUsage? Usage { get; set; }
}
