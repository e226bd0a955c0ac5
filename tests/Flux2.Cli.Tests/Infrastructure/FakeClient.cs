using Flux2.Client;

namespace Flux2.Cli.Tests;

/// <summary>A hand-written caller double: records requests and answers with a callback.</summary>
internal sealed class FakeClient : IFlux2Client
{
    public List<Flux2ImageRequest> Requests { get; } = [];

    public Func<Flux2ImageRequest, IProgress<Flux2Progress>?, CancellationToken, Task<Flux2ImageResult>> GenerateCallback { get; set; } =
        (request, _, _) => Task.FromResult(InlineResult(request.NumImages ?? 1));

    public IReadOnlyList<Flux2ModelCapabilities> Capabilities { get; set; } = [];

    public Task<Flux2ImageResult> GenerateAsync(Flux2ImageRequest request, CancellationToken cancellationToken = default)
    {
        lock (Requests)
        {
            Requests.Add(request);
        }

        return GenerateCallback(request, request.Progress, cancellationToken);
    }

    public Task<Flux2CostEstimate> EstimateAsync(Flux2ImageRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult(new Flux2CostEstimate { Provider = "fal", Model = request.Model ?? Flux2Models.Pro, ImageCount = request.NumImages ?? 1, Width = 1024, Height = 1024 });

    /// <summary>A result with <paramref name="count"/> inline 7x5 PNGs.</summary>
    public static Flux2ImageResult InlineResult(int count, long seed = 42) => new()
    {
        Images = [.. Enumerable.Range(0, count).Select(_ => new Flux2Image { Data = TestImages.Png, ContentType = "image/png", Width = TestImages.Width, Height = TestImages.Height })],
        Provider = "fal",
        Model = Flux2Models.Pro,
        Seed = seed,
        Cost = new Flux2Cost { EstimatedUsd = 0.03m },
    };
}
