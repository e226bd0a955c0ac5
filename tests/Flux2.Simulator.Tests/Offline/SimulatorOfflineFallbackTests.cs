using Flux2.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Flux2.Simulator.Tests.Offline;

public sealed class SimulatorOfflineFallbackTests
{
    static SimulatorOfflineFallbackTests()
    {
        // The caller reads the providers' key variables from the process: a developer's real key must never reach these tests.
        foreach (var provider in Flux2Providers.All)
        {
            if (provider.ApiKeyVariable is { } variable)
            {
                Environment.SetEnvironmentVariable(variable, null);
            }
        }
    }

    private static ServiceProvider Build(Dictionary<string, string?>? settings = null, LogCapture? logs = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?> { ["Flux2:Simulator:LatencyMs"] = "0" })
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(b =>
        {
            if (logs is not null)
            {
                b.AddProvider(logs);
            }
        });
        services.AddFlux2Client(configuration);
        services.AddFlux2OfflineSimulator();
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task GetEndpoint_FromManyCallersAtOnce_StartsOneSimulatorLazily()
    {
        var logs = new LogCapture();
        await using var services = Build(logs: logs);
        var fallback = services.GetRequiredService<SimulatorOfflineFallback>();
        Assert.Null(fallback.BaseUrl);

        var endpoints = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => fallback.GetEndpointAsync("fal", CancellationToken.None).AsTask()));

        Assert.Single(endpoints.Select(e => e.BaseUrl.Authority).Distinct());
        Assert.Equal("127.0.0.1", endpoints[0].BaseUrl.Host);
        string line = Assert.Single(logs.Messages, m => m.Contains("built-in simulator", StringComparison.Ordinal));
        Assert.Equal($"No provider key found: using the built-in simulator at http://127.0.0.1:{endpoints[0].BaseUrl.Port}", line);
    }

    [Theory]
    [InlineData("fal", "/fal", "/fal-queue")]
    [InlineData("bfl", "/bfl", null)]
    [InlineData("replicate", "/replicate", null)]
    [InlineData("together", "/together", null)]
    [InlineData("aimlapi", "/aiml", null)]
    [InlineData("segmind", "/segmind", null)]
    public async Task GetEndpoint_MapsEachProviderToItsSimulatorDialect(string provider, string path, string? queuePath)
    {
        await using var services = Build();
        var endpoint = await services.GetRequiredService<IFlux2OfflineFallback>().GetEndpointAsync(provider, CancellationToken.None);

        Assert.Equal(path, endpoint.BaseUrl.AbsolutePath.TrimEnd('/'));
        Assert.Equal(queuePath, endpoint.QueueBaseUrl?.AbsolutePath.TrimEnd('/'));
        Assert.Equal(SimulatorOfflineFallback.SimulatedApiKey, endpoint.ApiKey);
        Assert.True(endpoint.Simulated);
    }

    [Fact]
    public async Task GetEndpoint_ForAnUnknownProvider_FailsAsUnsupported()
    {
        await using var services = Build();
        var error = await Assert.ThrowsAsync<Flux2Exception>(() => services.GetRequiredService<IFlux2OfflineFallback>().GetEndpointAsync("midjourney", CancellationToken.None).AsTask());

        Assert.Equal(Flux2ErrorKind.Unsupported, error.Kind);
        Assert.Contains("fal", error.Message);
    }

    [Fact]
    public async Task Note_SaysHowToConfigureARealProvider()
    {
        await using var services = Build();
        var fallback = services.GetRequiredService<IFlux2OfflineFallback>();

        Assert.Equal("fal", fallback.DefaultProvider);
        Assert.StartsWith("Simulated image: set FAL_KEY (or BFL_API_KEY, REPLICATE_API_TOKEN", fallback.Note);
        Assert.EndsWith("to use a real provider.", fallback.Note);
    }

    [Fact]
    public async Task Options_ComeFromTheFlux2SimulatorSection()
    {
        await using var services = Build(new Dictionary<string, string?> { ["Flux2:Simulator:LatencyMs"] = "1234" });

        Assert.Equal(1234, services.GetRequiredService<IOptions<Flux2OfflineSimulatorOptions>>().Value.LatencyMs);
    }

    [Fact]
    public async Task Options_DefaultToASmallRealisticLatency()
    {
        await using var services = Build(new Dictionary<string, string?>());

        Assert.InRange(services.GetRequiredService<IOptions<Flux2OfflineSimulatorOptions>>().Value.LatencyMs, 300, 1000);
    }

    [Fact]
    public async Task Downloads_MayReachTheRunningSimulatorsOwnOrigin_OnlyWhenNoKeyIsConfigured()
    {
        await using (var offline = Build())
        {
            var origins = offline.GetRequiredService<IFlux2TrustedDownloadOrigins>();
            Assert.Empty(origins.Origins);

            var endpoint = await offline.GetRequiredService<SimulatorOfflineFallback>().GetEndpointAsync("fal", CancellationToken.None);

            // Its scheme, loopback host (under both names) and port: not the whole of loopback.
            var port = endpoint.BaseUrl.Port;
            Assert.Equal([new Uri($"http://127.0.0.1:{port}/"), new Uri($"http://localhost:{port}/")], origins.Origins);
            Assert.DoesNotContain("127.0.0.1", offline.GetRequiredService<IOptions<Flux2ClientOptions>>().Value.Download.AllowedPrivateHosts);
        }

        await using var online = Build(new Dictionary<string, string?> { ["Flux2:Providers:fal:ApiKey"] = "real-key" });
        await online.GetRequiredService<SimulatorOfflineFallback>().GetEndpointAsync("fal", CancellationToken.None);
        Assert.Empty(online.GetRequiredService<IFlux2TrustedDownloadOrigins>().Origins);
    }

    [Fact]
    public async Task Dispose_StopsTheSimulatorAndMayBeRepeated()
    {
        Uri baseUrl;
        var services = Build();
        var fallback = services.GetRequiredService<SimulatorOfflineFallback>();
        baseUrl = (await fallback.GetEndpointAsync("fal", CancellationToken.None)).BaseUrl;

        await services.DisposeAsync();
        await fallback.DisposeAsync();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(baseUrl));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => fallback.GetEndpointAsync("fal", CancellationToken.None).AsTask());
    }

    [Fact]
    public async Task Generate_WithNoKey_IsServedByTheSimulatorAndMarkedSimulated()
    {
        await using var services = Build();
        var result = await services.GetRequiredService<IFlux2Client>().GenerateAsync(new Flux2ImageRequest { Prompt = "a red fox", Seed = 1 });

        Assert.True(result.Simulated);
        Assert.Equal("fal", result.Provider);
        Assert.Contains("FAL_KEY", result.Note);
        Assert.NotEmpty(result.Images);
    }
}
