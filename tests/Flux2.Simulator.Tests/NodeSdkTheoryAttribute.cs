using System.Runtime.CompilerServices;

namespace Flux2.Simulator.Tests;

/// <summary>A theory that is skipped when the end-to-end Node packages are not installed (tests/Flux2.EndToEnd/node/node_modules).</summary>
public sealed class NodeSdkTheoryAttribute : TheoryAttribute
{
    public NodeSdkTheoryAttribute()
    {
        if (!Directory.Exists(Path.Combine(NodeDirectory(), "node_modules", "@fal-ai")))
        {
            Skip = "Run `npm ci` in tests/Flux2.EndToEnd/node to run the official SDKs against the simulator.";
        }
    }

    public static string NodeDirectory([CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "Flux2.EndToEnd", "node"));
}
