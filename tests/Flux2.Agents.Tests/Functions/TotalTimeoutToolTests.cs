using System.Diagnostics;
using System.Text.Json;
using Flux2.Simulator;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Flux2.Agents.Tests.Functions;

/// <summary>
/// The generate_image AIFunction (what the MCP server, the SK plugin and Agent Framework agents call) under TotalTimeout, over real
/// HTTP: a stuck job comes back as a timeout error result with the provider's job cancelled, and a hung image fetch is cut at the
/// call's deadline, leaving the image's provider URL and a warning.
/// </summary>
public sealed class TotalTimeoutToolTests : IAsyncLifetime
{
    private static readonly TimeSpan Total = TimeSpan.FromSeconds(1.5);

    private SimulatorServer _server = null!;
    private ServiceProvider _services = null!;
    private readonly TempDirectory _root = new("total-timeout");

    public async Task InitializeAsync()
    {
        _server = await SimulatorServer.StartAsync(new SimulatorOptions { Latency = TimeSpan.Zero });

        // A cold simulator renders its first image slowly: render this one once, with time to spare, before the short deadline.
        await using (ServiceProvider warm = Services(TimeSpan.FromMinutes(1), _root.Combine("warm")))
        {
            await warm.GetRequiredService<Flux2ImageTools>().AsAIFunctions()[0].InvokeAsync(Arguments());
        }

        _server.Counters.Reset();
        _services = Services(Total, _root.Combine("out"));
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _server.DisposeAsync();
        _root.Dispose();
    }

    [Fact]
    public async Task AStuckJob_ComesBackAsATimeoutResult_AndTheFalJobIsCancelled()
    {
        _server.Options.Latency = TimeSpan.FromMinutes(5);
        var clock = Stopwatch.StartNew();

        var result = (JsonElement)(await Generate().InvokeAsync(Arguments()))!;

        Assert.Equal("timeout", result.GetProperty("error").GetString());
        Assert.Equal("network", result.GetProperty("category").GetString());
        string message = result.GetProperty("message").GetString()!;
        Assert.Contains("Flux2:Providers:fal:TotalTimeout", message, StringComparison.Ordinal);
        Assert.Contains("was cancelled at fal", message, StringComparison.Ordinal);
        Assert.Equal(1, _server.Counters.Get("fal-queue", "cancel"));
        Assert.True(clock.Elapsed < Total + TimeSpan.FromSeconds(1), $"took {clock.Elapsed.TotalSeconds:0.00} s");
        Assert.DoesNotContain("tool-test-key-5d1e", result.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AHungImageFetch_IsCutAtTheCallsDeadline_AndKeepsTheProviderUrl()
    {
        _server.Faults.Add("files", "get", SimulatorFaultKind.Hang, times: 10);
        var clock = Stopwatch.StartNew();

        var result = (JsonElement)(await Generate().InvokeAsync(Arguments()))!;

        Assert.False(result.TryGetProperty("error", out _), result.GetRawText());
        JsonElement image = Assert.Single(result.GetProperty("images").EnumerateArray());
        Assert.StartsWith("http", image.GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.False(image.TryGetProperty("path", out JsonElement path) && path.ValueKind == JsonValueKind.String);
        Assert.Contains(result.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("Flux2:Providers:fal:TotalTimeout", StringComparison.Ordinal));
        Assert.True(clock.Elapsed < Total + TimeSpan.FromSeconds(1), $"took {clock.Elapsed.TotalSeconds:0.00} s");
        string output = _root.Combine("out");
        Assert.True(!Directory.Exists(output) || Directory.GetFiles(output, "*", SearchOption.AllDirectories).Length == 0, "a file was left in the output folder");
    }

    private AIFunction Generate() => _services.GetRequiredService<Flux2ImageTools>().AsAIFunctions()[0];

    private static AIFunctionArguments Arguments() => new() { ["prompt"] = "a lighthouse", ["size"] = "256x256", ["seed"] = 4 };

    private ServiceProvider Services(TimeSpan total, string output)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Flux2:Provider"] = "fal",
            ["Flux2:Providers:Fal:ApiKey"] = "tool-test-key-5d1e",
            ["Flux2:Providers:Fal:BaseUrl"] = _server.DialectUrl("fal").ToString(),
            ["Flux2:Providers:Fal:QueueBaseUrl"] = _server.DialectUrl("fal-queue").ToString(),
            ["Flux2:Providers:Fal:TotalTimeout"] = total.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
            ["Flux2:OutputDirectory"] = output,
            ["Flux2:Tools:CacheDirectory"] = _root.Combine("cache"),
        }).Build();
        return new ServiceCollection().AddFlux2Tools(configuration).BuildServiceProvider();
    }
}
