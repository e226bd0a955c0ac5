using System.Text.Json.Serialization;
using Flux2.Simulator.Dialects.Fal;

namespace Flux2.Simulator.Dialects;

/// <summary>Source-generated JSON metadata for every wire type the simulator writes.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(FalOutput))]
[JsonSerializable(typeof(FalSubmitResponse))]
[JsonSerializable(typeof(FalStatus))]
[JsonSerializable(typeof(FalCancelResponse))]
[JsonSerializable(typeof(FalError))]
[JsonSerializable(typeof(FalValidationError))]
internal sealed partial class SimulatorJsonContext : JsonSerializerContext;
