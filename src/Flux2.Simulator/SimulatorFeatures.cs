using System.Diagnostics.CodeAnalysis;

namespace Flux2.Simulator;

/// <summary>
/// Switches a host sets in its project file. <c>Flux2.Simulator.CheckRequestShapes</c> (default on) checks every request
/// against its model's schema. The MCP server (flux2-mcp) turns it off with a trimmed
/// <c>RuntimeHostConfigurationOption</c>: its offline simulator then carries no schema engine (JsonSchema.Net loads its
/// meta-schemas before <c>Main</c>, a cost on every start), while the tests, which run with the switch on, keep checking.
/// </summary>
internal static class SimulatorFeatures
{
    private const string CheckRequestShapesSwitch = "Flux2.Simulator.CheckRequestShapes";

    /// <summary>Whether the dialects check request bodies against the per-model schemas.</summary>
    [FeatureSwitchDefinition(CheckRequestShapesSwitch)]
    public static bool CheckRequestShapes { get; } = !AppContext.TryGetSwitch(CheckRequestShapesSwitch, out bool enabled) || enabled;
}
