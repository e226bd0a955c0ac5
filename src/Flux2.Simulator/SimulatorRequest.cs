namespace Flux2.Simulator;

/// <summary>One request the simulator received, as <see cref="SimulatorServer.Requests"/> recorded it.</summary>
/// <param name="Method">The HTTP method (POST, GET, PUT …).</param>
/// <param name="Path">The path and query, for example <c>/fal-queue/fal-ai/flux-2/edit</c>.</param>
/// <param name="Body">The body as UTF-8 text; empty when there was none.</param>
public sealed record SimulatorRequest(string Method, string Path, string Body);
