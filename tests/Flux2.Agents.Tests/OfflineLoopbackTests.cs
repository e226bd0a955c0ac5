using Flux2.Client;
using Flux2.Simulator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Flux2.Agents.Tests;

/// <summary>
/// Issue 17, item 8: with no provider key, download_image may fetch the offline simulator's own results, but no other port on
/// loopback (a database, an admin page): the simulator's origin is allowed, not its host.
/// </summary>
public sealed class OfflineLoopbackTests : IAsyncLifetime
{
    private readonly TempDirectory _root = new("loopback");
    private ServiceProvider _services = null!;
    private SimulatorServer _otherService = null!;

    private Flux2ImageTools Tools => _services.GetRequiredService<Flux2ImageTools>();

    public async Task InitializeAsync()
    {
        _otherService = await SimulatorServer.StartAsync(new SimulatorOptions { Latency = TimeSpan.Zero });
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Flux2:OutputDirectory"] = _root.Combine("out"),
            ["Flux2:Tools:CacheDirectory"] = _root.Combine("cache"),
            ["Flux2:Simulator:LatencyMs"] = "0",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddFlux2Tools(configuration);
        services.AddFlux2OfflineSimulator();
        _services = services.BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _otherService.DisposeAsync();
        _root.Dispose();
    }

    [Fact]
    public async Task DownloadImage_Offline_FetchesTheSimulatorsResult_ButNoOtherLoopbackPort()
    {
        var generated = await Tools.GenerateImageAsync(new Flux2GenerateImageInput { Prompt = "a lighthouse", OutputFormat = "png" });
        var image = Assert.Single(generated.Images);
        Assert.True(generated.Simulated);
        var own = new Uri(image.Url!);
        var elsewhere = new UriBuilder(own) { Port = _otherService.BaseUrl.Port }.Uri;
        Assert.NotEqual(own.Port, elsewhere.Port);

        var saved = await Tools.DownloadImageAsync(new Flux2DownloadImageInput { Url = own.ToString(), Path = "own.png" });
        var refused = await Assert.ThrowsAsync<Flux2Exception>(() =>
            Tools.DownloadImageAsync(new Flux2DownloadImageInput { Url = elsewhere.ToString(), Path = "elsewhere.png" }));

        Assert.True(File.Exists(saved.Path));
        Assert.Equal(Flux2ErrorKind.DownloadRefused, refused.Kind);
        Assert.Contains($"port {elsewhere.Port}", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, _otherService.Counters.Total);
    }
}
