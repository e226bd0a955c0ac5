using Flux2.Client;

namespace Flux2.Agents.Tests;

/// <summary>A caller double: records requests and answers with <see cref="Respond"/>.</summary>
internal sealed class FakeClient : IFlux2Client
{
    public List<Flux2ImageRequest> Requests { get; } = [];

    public Func<Flux2ImageRequest, Flux2ImageResult> Respond { get; set; } = request => new Flux2ImageResult
    {
        Images = [.. Enumerable.Range(0, request.NumImages ?? 1).Select(i => new Flux2Image
        {
            Data = TestImages.Noise(64, 48, seed: i + 1),
            ContentType = "image/png",
            Width = 64,
            Height = 48,
        })],
        Provider = "fal",
        Model = request.Model ?? Flux2Models.Pro,
        Seed = request.Seed ?? 7,
        RequestId = "req-1",
        Timings = new Flux2Timings { Queue = TimeSpan.FromMilliseconds(5), Inference = TimeSpan.FromMilliseconds(20), Total = TimeSpan.FromMilliseconds(30) },
        Cost = new Flux2Cost { EstimatedUsd = 0.03m },
        Warnings = ["guidance_scale dropped: flux-2-pro takes none"],
    };

    public IReadOnlyList<Flux2ModelCapabilities> Capabilities { get; } =
        [new Flux2ModelCapabilities { Provider = "fal", Model = Flux2Models.Pro, ProviderModelId = "fal-ai/flux-2-pro" }];

    public Task<Flux2ImageResult> GenerateAsync(Flux2ImageRequest request, CancellationToken cancellationToken = default)
    {
        Requests.Add(request);
        request.Progress?.Report(new Flux2Progress { Status = Flux2ProgressStatus.Queued, QueuePosition = 0 });
        return Task.FromResult(Respond(request));
    }

    public Task<Flux2CostEstimate> EstimateAsync(Flux2ImageRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult(new Flux2CostEstimate { Provider = "fal", Model = request.Model ?? Flux2Models.Pro, ImageCount = request.NumImages ?? 1, Width = 1024, Height = 1024, EstimatedUsd = 0.03m * (request.NumImages ?? 1) });
}
