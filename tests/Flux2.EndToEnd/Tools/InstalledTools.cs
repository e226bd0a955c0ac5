using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Flux2.EndToEnd;

/// <summary>
/// flux2-mcp and flux2 as a user installs them: <c>dotnet pack src/Flux2.Mcp -c Release -o PACKAGES</c> (and src/Flux2.Cli), then
/// <c>dotnet tool install --tool-path TOOLS Flux2.Mcp</c> with PACKAGES as the only package source and an empty NuGet cache, so
/// nothing installed earlier or published elsewhere under the same id can stand in. Made once per test run (the Native AOT
/// compile costs minutes on two cores) and shared; the build goes to its own artifacts folder so it never races a developer's.
/// </summary>
internal sealed class InstalledTools
{
    private static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(30);
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);
    private static readonly Lazy<Task<InstalledTools>> Shared = new(CreateAsync);

    private InstalledTools(string root)
    {
        Root = root;
        Packages = Path.Combine(root, "packages");
        ToolPath = Path.Combine(root, "tools");
        Home = Path.Combine(root, "home");
    }

    /// <summary>The folder holding everything below (deleted when the test process exits).</summary>
    public string Root { get; }

    /// <summary>The <c>dotnet pack -o</c> folder: the pointer, RID-specific and portable packages of both tools.</summary>
    public string Packages { get; }

    /// <summary>The <c>--tool-path</c> the tools are installed into.</summary>
    public string ToolPath { get; }

    /// <summary>A HOME for the installed tools' processes.</summary>
    public string Home { get; }

    /// <summary>The installed <c>flux2</c> command.</summary>
    public string Cli => Path.Combine(ToolPath, "flux2");

    /// <summary>What packing and installing printed, for test logs.</summary>
    public string Log { get; private set; } = "";

    /// <summary>The shared installation, made on first use; a failure is reported to every test that asks.</summary>
    public static Task<InstalledTools> GetAsync() => Shared.Value;

    /// <summary>The installed package's files of <paramref name="packageId"/> (the tool store keeps RID packages under the pointer's folder).</summary>
    public IEnumerable<string> StoreFiles(string packageId) =>
        Directory.EnumerateFiles(Path.Combine(ToolPath, ".store", packageId.ToLowerInvariant()), "*", SearchOption.AllDirectories);

    private static async Task<InstalledTools> CreateAsync()
    {
        var tools = new InstalledTools(TempDirectory.DeletedAtExit("e2e-tools").Path);
        Directory.CreateDirectory(tools.Packages);
        Directory.CreateDirectory(tools.Home);
        string config = Path.Combine(tools.Root, "nuget.config");
        await File.WriteAllTextAsync(config, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="flux2-packed" value="{tools.Packages}" />
              </packageSources>
            </configuration>
            """).ConfigureAwait(false);

        var log = new StringBuilder();
        foreach (string project in new[] { "Flux2.Mcp", "Flux2.Cli" })
        {
            var pack = await RunDotnetAsync(tools, PackTimeout, installing: false,
                "pack", Path.Combine(EndToEndPaths.RepositoryRoot, "src", project), "-c", "Release", "-o", tools.Packages, "--nologo").ConfigureAwait(false);
            Require(pack, $"dotnet pack src/{project}");
            log.Append(CultureInfo.InvariantCulture, $"packed {project} in {pack.Elapsed.TotalSeconds:0} s\n");
        }

        foreach (string package in new[] { "Flux2.Mcp", "Flux2.Cli" })
        {
            var install = await RunDotnetAsync(tools, InstallTimeout, installing: true,
                "tool", "install", "--tool-path", tools.ToolPath, "--configfile", config, package).ConfigureAwait(false);
            Require(install, $"dotnet tool install {package}");
            log.Append(CultureInfo.InvariantCulture, $"installed {package} in {install.Elapsed.TotalSeconds:0} s: {install.StandardOutput.Trim()}\n");
        }

        tools.Log = log.ToString();
        return tools;
    }

    private static async Task<ProcessResult> RunDotnetAsync(InstalledTools tools, TimeSpan timeout, bool installing, params string[] arguments)
    {
        ProcessStartInfo start = DotnetHost.Sdk(tools.Root, arguments);
        start.Environment["FLUX2_ARTIFACTS"] = Path.Combine(EndToEndPaths.RepositoryRoot, "artifacts", "e2e-tool-pack");
        if (installing)
        {
            // An empty package cache: the packages just made are what gets installed, not a same-version copy from an earlier run.
            start.Environment["NUGET_PACKAGES"] = Path.Combine(tools.Root, "nuget-cache");
            start.Environment["DOTNET_CLI_HOME"] = tools.Home;
        }

        return await ChildProcess.RunAsync(start, timeout).ConfigureAwait(false);
    }

    private static void Require(ProcessResult result, string what)
    {
        if (result.TimedOut || result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{what} failed, so the installed tools cannot be tested.\n{result.Describe()}");
        }
    }
}
