namespace Flux2.Simulator.Dialects.Bfl;

/// <summary>BFL submit answer.</summary>
internal sealed record BflSubmitResponse(string Id, string PollingUrl, double Cost, double InputMp, double OutputMp);
