using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Xunit.Abstractions;

namespace Flux2.EndToEnd;

/// <summary>
/// The tools as a user gets them: packed, installed into a tool path from the packed folder alone, and run with no provider key
/// (the built-in simulator answers). flux2-mcp is driven by the MCP C# SDK's client over stdio; flux2 runs as a command.
/// </summary>
[Collection(EndToEndGroup.Name)]
[Trait("Category", "Slow")]
[Trait("Needs", "process")]
public sealed class InstalledToolTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _root = new("installed-tool");

    [InstalledToolFact]
    public async Task InstalledMcpServer_LaunchedAsMcpConfigSays_IsNativeAot_AndGeneratesAnImageOfflineOverStdio()
    {
        var tools = await InstalledTools.GetAsync();
        output.WriteLine(tools.Log);
        AssertNativeAotInstall(tools, "Flux2.Mcp", "flux2-mcp");
        string images = _root.Sub("images");

        var environment = ServerEnvironment(tools, images);
        environment["Flux2__Tools__CacheDirectory"] = _root.Sub("cache");
        environment["Flux2__Simulator__LatencyMs"] = "0";
        var stderr = new List<string>();
        // Launched as mcp-config.json says (the installed command, found in the tool path here instead of on PATH).
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(EndToEndPaths.RepositoryRoot, "mcp-config.json")));
        var server = config.RootElement.GetProperty("mcpServers").GetProperty("flux2");
        Assert.Equal("flux2-mcp", server.GetProperty("command").GetString());
        await using var client = await ConnectAsync(new StdioClientTransportOptions
        {
            Name = "installed flux2-mcp",
            Command = Path.Combine(tools.ToolPath, server.GetProperty("command").GetString()!),
            Arguments = [.. server.GetProperty("args").EnumerateArray().Select(a => a.GetString()!)],
            EnvironmentVariables = environment,
        }, stderr);

        var listed = await client.ListToolsAsync();
        Assert.Contains(listed, t => t.Name == "generate_image");
        var result = await client.CallToolAsync("generate_image", new Dictionary<string, object?>
        {
            ["prompt"] = "a lighthouse on a cliff at dawn, watercolor",
            ["size"] = "256x256",
            ["output_format"] = "png",
        });

        string log = Joined(stderr);
        Assert.True(result.IsError != true, $"generate_image failed: {JsonSerializer.Serialize(result.Content)}\nserver stderr:\n{log}");
        var structured = result.StructuredContent!.Value;
        Assert.True(structured.GetProperty("simulated").GetBoolean());
        var image = structured.GetProperty("images")[0];
        Assert.Equal(256, image.GetProperty("width").GetInt32());
        string saved = image.GetProperty("path").GetString()!;
        Assert.StartsWith(images, saved, StringComparison.Ordinal);
        Assert.Equal("png", TestImages.FormatOf(saved));
        Assert.Contains(result.Content, c => c is ImageContentBlock);
        Assert.Contains("simulator", log, StringComparison.OrdinalIgnoreCase);
    }

    [InstalledToolFact]
    public async Task McpServerRunByDnx_FromThePackFolder_IsTheNativeAotPackage_AndAnswersOverStdio()
    {
        var tools = await InstalledTools.GetAsync();
        string cache = _root.Sub("dnx-cache");
        var environment = ServerEnvironment(tools, _root.Sub("images"));
        environment["DOTNET_CLI_HOME"] = tools.Home;
        environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        environment["DOTNET_NOLOGO"] = "1";
        environment["NUGET_PACKAGES"] = cache;   // empty: the package comes from the pack folder, not an earlier run
        var stderr = new List<string>();

        // What the README tells an IDE user who has the packed folder: dnx Flux2.Mcp --yes --add-source DIR (dnx is `dotnet dnx`).
        // The working directory's nuget.config lists only that folder, so no public feed is asked.
        await using var client = await ConnectAsync(new StdioClientTransportOptions
        {
            Name = "flux2-mcp via dnx",
            Command = DotnetHost.Path,
            Arguments = ["dnx", "Flux2.Mcp", "--yes", "--add-source", tools.Packages],
            WorkingDirectory = tools.Root,
            EnvironmentVariables = environment,
        }, stderr);

        Assert.Equal("flux2-mcp", client.ServerInfo?.Name);
        var listed = await client.ListToolsAsync();
        Assert.Equal(["download_image", "generate_image"], listed.Select(t => t.Name).Order(StringComparer.Ordinal));
        string executable = Assert.Single(Directory.EnumerateFiles(cache, "flux2-mcp", SearchOption.AllDirectories));
        Assert.Contains("flux2.mcp.linux-x64", executable, StringComparison.Ordinal);
        Assert.Equal("\u007FELF"u8.ToArray(), File.ReadAllBytes(executable).Take(4).ToArray());
    }

    [InstalledToolFact]
    public async Task InstalledCli_IsNativeAot_AndGeneratesAnImageOffline()
    {
        var tools = await InstalledTools.GetAsync();
        output.WriteLine(tools.Log);
        AssertNativeAotInstall(tools, "Flux2.Cli", "flux2");
        string images = _root.Sub("images");

        var start = ChildEnvironment.Isolate(new ProcessStartInfo(tools.Cli) { WorkingDirectory = _root.Path }, tools.Home);
        foreach (string argument in new[] { "generate", "a red fox in fresh snow", "--size", "256x256", "--format", "png", "--out", images + Path.DirectorySeparatorChar, "--json" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["Flux2__Simulator__LatencyMs"] = "0";
        var run = await ChildProcess.RunAsync(start, TimeSpan.FromMinutes(2));

        Assert.True(run.ExitCode == 0, run.Describe());
        using var json = JsonDocument.Parse(run.StandardOutput);
        Assert.True(json.RootElement.GetProperty("simulated").GetBoolean(), run.Describe());
        string saved = json.RootElement.GetProperty("images")[0].GetProperty("path").GetString()!;
        Assert.Equal("png", TestImages.FormatOf(saved));
        Assert.Contains("simulat", run.StandardError, StringComparison.OrdinalIgnoreCase);
    }

    [InstalledToolTheory]
    [InlineData("Flux2.Mcp", "flux2-mcp")]
    [InlineData("Flux2.Cli", "flux2")]
    public async Task PackedTool_IsAPointerWithANativeAotLinuxPackageAndAPortableFallback_WithoutPdbsOrForeignNatives(string packageId, string command)
    {
        var tools = await InstalledTools.GetAsync();

        var pointer = Entries(tools, $"{packageId}.0.1.0.nupkg");
        Assert.Contains(pointer, e => e.EndsWith("DotnetToolSettings.xml", StringComparison.Ordinal));
        Assert.DoesNotContain(pointer, e => e.EndsWith(".dll", StringComparison.Ordinal) || e.EndsWith(command, StringComparison.Ordinal));
        if (packageId == "Flux2.Mcp")
        {
            Assert.Contains(".mcp/server.json", pointer);
        }

        var linux = Entries(tools, $"{packageId}.linux-x64.0.1.0.nupkg");
        Assert.Contains($"tools/any/linux-x64/{command}", linux);
        Assert.DoesNotContain(linux, e => e.EndsWith($"{command}.dll", StringComparison.Ordinal));
        Assert.Equal(["tools/any/linux-x64/libSkiaSharp.so"], linux.Where(e => e.Contains("SkiaSharp", StringComparison.Ordinal)));
        Assert.DoesNotContain(linux, IsSymbolFile);
        Assert.DoesNotContain(linux, IsBuildLeftover);

        var portable = Entries(tools, $"{packageId}.any.0.1.0.nupkg");
        Assert.Contains($"tools/net10.0/any/{command}.dll", portable);
        Assert.DoesNotContain(portable, IsSymbolFile);
        Assert.DoesNotContain(portable, IsBuildLeftover);
        var natives = portable.Where(e => e.Contains("/runtimes/", StringComparison.Ordinal)).Select(e => e.Split('/')[4]).Distinct().ToList();
        Assert.Contains("win-x64", natives);
        Assert.Contains("osx", natives);
        Assert.Contains("linux-arm64", natives);
        Assert.DoesNotContain(natives, rid => rid.Contains("bionic", StringComparison.Ordinal) || rid.Contains("riscv", StringComparison.Ordinal) || rid.Contains("loongarch", StringComparison.Ordinal));
    }

    public void Dispose() => _root.Dispose();

    /// <summary>What every launched server gets: nothing inherited (no provider key), a home and an output folder of the test's.</summary>
    private static Dictionary<string, string?> ServerEnvironment(InstalledTools tools, string images)
    {
        var environment = StdioClientTransportOptions.GetDefaultEnvironmentVariables();
        environment["HOME"] = tools.Home;
        environment["FLUX2_OUTPUT_DIR"] = images;
        return environment;
    }

    /// <summary>Starts the server with the SDK's client, collecting its stderr; a server that does not come up is reported with it.</summary>
    private static async Task<McpClient> ConnectAsync(StdioClientTransportOptions options, List<string> stderr)
    {
        options.InheritEnvironmentVariables = false;
        options.StandardErrorLines = line => { lock (stderr) { stderr.Add(line); } };
        try
        {
            return await McpClient.CreateAsync(new StdioClientTransport(options));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new InvalidOperationException($"{options.Name} did not start: {ex.Message}\nserver stderr:\n{Joined(stderr)}", ex);
        }
    }

    private static string Joined(List<string> lines)
    {
        lock (lines)
        {
            return string.Join('\n', lines);
        }
    }

    /// <summary>Files the Web SDK would copy that no installed tool reads: the simulator's schemas (embedded) and static asset manifests.</summary>
    private static bool IsBuildLeftover(string entry) =>
        entry.Contains("/Schemas/", StringComparison.Ordinal) || entry.EndsWith(".staticwebassets.endpoints.json", StringComparison.Ordinal);

    private static bool IsSymbolFile(string entry) => entry.EndsWith(".pdb", StringComparison.Ordinal) || entry.EndsWith(".dbg", StringComparison.Ordinal);

    private static List<string> Entries(InstalledTools tools, string file)
    {
        string path = Path.Combine(tools.Packages, file);
        Assert.True(File.Exists(path), $"{file} is not in the pack output; it holds: {string.Join(", ", Directory.GetFiles(tools.Packages).Select(Path.GetFileName))}");
        using var archive = ZipFile.OpenRead(path);
        return [.. archive.Entries.Select(e => e.FullName)];
    }

    private static void AssertNativeAotInstall(InstalledTools tools, string packageId, string command)
    {
        var files = tools.StoreFiles(packageId).ToList();
        string executable = Assert.Single(files, f => Path.GetFileName(f) == command);
        Assert.Contains($"{packageId.ToLowerInvariant()}.linux-x64", executable, StringComparison.Ordinal);
        Assert.DoesNotContain(files, f => Path.GetFileName(f) == command + ".dll");
        Assert.Equal("\u007FELF"u8.ToArray(), File.ReadAllBytes(executable).Take(4).ToArray());
    }
}
