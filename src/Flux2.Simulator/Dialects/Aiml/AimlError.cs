using System.Text.Json.Serialization;

namespace Flux2.Simulator.Dialects.Aiml;

/// <summary>AIML error body.</summary>
internal sealed record AimlError(
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("requestId")] string RequestId,
    [property: JsonPropertyName("statusCode")] int StatusCode,
    [property: JsonPropertyName("timestamp")] string Timestamp);
