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
            ["Flux2:Tools:CacheDirectory"] = _root.Combine("cache"),
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
