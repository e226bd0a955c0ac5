using System.Text.Json.Serialization;
using System.Text.Json.Nodes;
using Flux2.Simulator.Dialects.Aiml;
using Flux2.Simulator.Dialects.Bfl;
using Flux2.Simulator.Dialects.Fal;
using Flux2.Simulator.Dialects.Replicate;
using Flux2.Simulator.Dialects.Segmind;
using Flux2.Simulator.Dialects.Together;

namespace Flux2.Simulator.Dialects;

/// <summary>Source-generated JSON metadata for every wire type the simulator writes.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(FalOutput))]
[JsonSerializable(typeof(FalSubmitResponse))]
[JsonSerializable(typeof(FalStatus))]
[JsonSerializable(typeof(FalCancelResponse))]
[JsonSerializable(typeof(FalError))]
[JsonSerializable(typeof(FalValidationError))]
[JsonSerializable(typeof(BflSubmitResponse))]
[JsonSerializable(typeof(BflPollResponse))]
[JsonSerializable(typeof(BflCredits))]
[JsonSerializable(typeof(BflError))]
[JsonSerializable(typeof(BflValidationError))]
[JsonSerializable(typeof(ReplicatePrediction))]
[JsonSerializable(typeof(ReplicateProblem))]
[JsonSerializable(typeof(JsonNode))]
[JsonSerializable(typeof(TogetherResponse))]
[JsonSerializable(typeof(TogetherError))]
[JsonSerializable(typeof(AimlResponse))]
[JsonSerializable(typeof(AimlError))]
[JsonSerializable(typeof(SegmindError))]
[JsonSerializable(typeof(SegmindBase64Response))]
internal sealed partial class SimulatorJsonContext : JsonSerializerContext;
