using System.Reflection;

namespace Flux2.EndToEnd;

/// <summary>
/// Finds what the tests run: the Node tooling folder and the built flux2-mcp.dll (the dotnet host is <see cref="DotnetHost"/>). The build writes the
/// both as AssemblyMetadata (see the csproj); the fall-backs are the artifacts layout relative to this assembly and
/// <c>FLUX2_ARTIFACTS</c>.
/// </summary>
internal static class EndToEndPaths
{
    private const string McpAssembly = "flux2-mcp.dll";

    /// <summary>tests/Flux2.EndToEnd/node: package.json, package-lock.json, the sdk-*.mjs scripts, node_modules.</summary>
    public static string NodeDirectory { get; } = FindNodeDirectory();

    /// <summary>The built MCP server assembly, run as <c>dotnet flux2-mcp.dll</c>.</summary>
    public static string McpServerAssembly => FindMcpServer();

    /// <summary>The repository (the folder holding Flux2.Agents.sln): tests/Flux2.EndToEnd/node is two levels below it.</summary>
    public static string RepositoryRoot { get; } = Path.GetFullPath(Path.Combine(NodeDirectory, "..", "..", ".."));

    private static string? Metadata(string key) =>
        typeof(EndToEndPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == key)?.Value is { Length: > 0 } value ? value : null;

    private static string FindNodeDirectory()
    {
        var candidates = new List<string>();
        if (Metadata("Flux2.EndToEnd.NodeDirectory") is { } built)
        {
            candidates.Add(built);
        }

        // Walk up from the test assembly to the repository (the folder holding Flux2.Agents.sln).
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Flux2.Agents.sln")))
            {
                candidates.Add(Path.Combine(dir.FullName, "tests", "Flux2.EndToEnd", "node"));
                break;
            }
        }

        return candidates.FirstOrDefault(c => File.Exists(Path.Combine(c, "package-lock.json")))
            ?? throw new InvalidOperationException(
                "Cannot find tests/Flux2.EndToEnd/node/package-lock.json; looked in: " + string.Join(", ", candidates));
    }

    private static string FindMcpServer()
    {
        var candidates = new List<string>();
        if (Metadata("Flux2.EndToEnd.McpServerPath") is { } built)
        {
            candidates.Add(built);
        }

        // Artifacts layout: <artifacts>/bin/Flux2.EndToEnd/<pivot>/ next to <artifacts>/bin/Flux2.Mcp/<pivot>/.
        var self = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        if (self.Parent?.Parent is { } bin)
        {
            candidates.Add(Path.Combine(bin.FullName, "Flux2.Mcp", self.Name, McpAssembly));
        }

        if (Environment.GetEnvironmentVariable("FLUX2_ARTIFACTS") is { Length: > 0 } artifacts)
        {
            candidates.Add(Path.Combine(artifacts, "bin", "Flux2.Mcp", self.Name, McpAssembly));
        }

        return candidates.FirstOrDefault(c => File.Exists(c) && File.Exists(Path.ChangeExtension(c, ".runtimeconfig.json")))
            ?? throw new InvalidOperationException(
                $"Cannot find the built {McpAssembly} (with its runtimeconfig.json); build src/Flux2.Mcp first "
                + "(`dotnet build tests/Flux2.EndToEnd` builds it). Looked in: " + string.Join(", ", candidates));
    }
}
