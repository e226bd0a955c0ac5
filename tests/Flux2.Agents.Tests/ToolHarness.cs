using Flux2.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Flux2.Agents.Tests;

/// <summary>The tool core wired as a host wires it (AddFlux2Tools), with a hand-written caller double and temp folders.</summary>
internal sealed class ToolHarness : IDisposable
{
    private readonly ServiceProvider _services;
    private readonly TempDirectory _root = new("agents");

    public ToolHarness(IDictionary<string, string?>? settings = null)
    {
        OutputDirectory = _root.Sub("out");
        var values = new Dictionary<string, string?>
        {
            ["Flux2:OutputDirectory"] = OutputDirectory,
            ["Flux2:Tools:CacheDirectory"] = Path.Combine(Root, "cache"),
        };
        foreach (var pair in settings ?? new Dictionary<string, string?>())
        {
            values[pair.Key] = pair.Value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddFlux2Tools(configuration);
        services.AddSingleton<IFlux2Client>(Client);
        _services = services.BuildServiceProvider();
        Tools = _services.GetRequiredService<Flux2ImageTools>();
    }

    public string Root => _root.Path;

    public string OutputDirectory { get; }

    public FakeClient Client { get; } = new();

    public Flux2ImageTools Tools { get; }

    public void Dispose()
    {
        _services.Dispose();
        _root.Dispose();
    }
}

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
