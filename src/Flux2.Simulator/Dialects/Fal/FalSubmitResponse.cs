namespace Flux2.Simulator.Dialects.Fal;

/// <summary>fal queue submit answer.</summary>
internal sealed record FalSubmitResponse(string Status, string RequestId, string ResponseUrl, string StatusUrl, string CancelUrl, int QueuePosition);
