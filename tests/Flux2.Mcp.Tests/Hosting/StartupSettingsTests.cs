using System.Text.Json;

namespace Flux2.Mcp.Tests.Hosting;

/// <summary>
/// The settings that keep the installed server's cold start at a fifth of a Node server's (tests/Flux2.Benchmarks
/// <c>tool-install</c> measures it): they live in the server's runtime configuration, which Native AOT compiles in, so losing
/// one shows here before it shows in the benchmark.
/// </summary>
public sealed class StartupSettingsTests
{
    [Fact]
    public void ServerRuntimeConfig_TurnsOffSchemaChecksServerGcCultureDataAndEventSource()
    {
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "flux2-mcp.runtimeconfig.json")));
        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        // No schema engine in the offline simulator: JsonSchema.Net loads its meta-schemas before Main (~10 ms per start).
        Assert.False(properties.GetProperty("Flux2.Simulator.CheckRequestShapes").GetBoolean());
        // The workstation GC: the Web SDK's default, the server GC, starts a heap and a thread per core (~10 ms).
        Assert.False(properties.GetProperty("System.GC.Server").GetBoolean());
        Assert.True(properties.GetProperty("System.Globalization.Invariant").GetBoolean());
        Assert.False(properties.GetProperty("System.Diagnostics.Tracing.EventSource.IsSupported").GetBoolean());
    }
}
