namespace Flux2.Client.Tests.Pipeline;

/// <summary>Small values the layer tests hand to and expect from a mocked inner client.</summary>
internal static class PipelineFakes
{
    public static Flux2ImageRequest Request(string? provider = null) => new() { Prompt = "a heron at dawn", Model = Flux2Models.Pro, Provider = provider };

    public static Flux2ImageResult Result(string provider, decimal? estimatedUsd = 0.03m, decimal? actualUsd = null, params string[] warnings) => new()
    {
        Images = [new Flux2Image { Url = new Uri("https://cdn.example/a.png"), ContentType = "image/png", Width = 1024, Height = 1024 }],
        Provider = provider,
        Model = Flux2Models.Pro,
        Cost = new Flux2Cost { EstimatedUsd = estimatedUsd, ActualUsd = actualUsd },
        Warnings = warnings,
    };

    public static Flux2CostEstimate Estimate(string provider, decimal? usd = 0.03m, bool simulated = false) => new()
    {
        Provider = provider,
        Model = Flux2Models.Pro,
        ImageCount = 1,
        Width = 1024,
        Height = 1024,
        EstimatedUsd = usd,
        Simulated = simulated,
    };

    public static Flux2Exception Outage(string provider) =>
        new(Flux2ErrorKind.ProviderUnavailable, $"{provider} failed (503).") { Provider = provider, StatusCode = 503 };
}
