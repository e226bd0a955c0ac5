namespace Flux2.Simulator;

/// <summary>Settings of the built-in offline simulator, bound from <c>Flux2:Simulator</c>.</summary>
public sealed class Flux2OfflineSimulatorOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Flux2:Simulator";

    /// <summary>Time each simulated job takes, in milliseconds (default 600, so progress looks realistic; 0 answers at once).</summary>
    public int LatencyMs { get; set; } = 600;

    /// <summary>The address the simulator listens on (default an ephemeral loopback port).</summary>
    public string Urls { get; set; } = "http://127.0.0.1:0";
}
