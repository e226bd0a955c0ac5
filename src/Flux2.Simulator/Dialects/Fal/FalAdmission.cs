using Flux2.Simulator.Imaging;

namespace Flux2.Simulator.Dialects.Fal;

/// <summary>A fal generation request that passed authentication, validation and the concurrency gate.</summary>
/// <param name="RequestId">The id sent back in <c>x-fal-request-id</c>.</param>
/// <param name="Scope">The caller's key, injected fault and latency.</param>
/// <param name="Spec">What to render.</param>
/// <param name="SyncMode">True when images come back as data URIs.</param>
internal sealed record FalAdmission(string RequestId, RequestScope Scope, GenerationSpec Spec, bool SyncMode);
