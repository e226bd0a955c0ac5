using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Flux2.EndToEnd;

/// <summary>
/// A fresh console app (<c>dotnet new console</c>) that references the locally packed Flux2.Agents, Flux2.Client and Flux2.Simulator
/// packages (a version made for this run, so no earlier copy in the NuGet cache can stand in) and runs the code of the README's
/// "Agent Framework" section as written, with a small scripted chat model in place of a real one (there is no network here).
/// The packs build into their own artifacts folder, so they never race a developer's build.
/// </summary>
internal sealed partial class ReadmeAgentFrameworkApp
{
    private static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(2);
    private static readonly string[] Libraries = ["Flux2.Client", "Flux2.Agents", "Flux2.Simulator"];

    /// <summary>The stand-in model: asks for the image in the user's words (no format: the provider's default), then saves the returned id as lighthouse.png, then reports.</summary>
    private const string ScriptedModel = """
        using System.Text.Json;
        using Microsoft.Extensions.AI;

        internal sealed class ScriptedChatClient : IChatClient
        {
            public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
            {
                var last = messages.Last();
                ChatMessage reply;
                if (last.Role == ChatRole.User)
                {
                    reply = Call("generate_image", new() { ["prompt"] = last.Text });
                }
                else if (last.Contents.OfType<FunctionResultContent>().FirstOrDefault() is { } result)
                {
                    using var json = JsonDocument.Parse(result.Result is JsonElement e ? e.GetRawText() : result.Result?.ToString() ?? "{}");
                    var root = json.RootElement;
                    reply = root.TryGetProperty("error", out _) ? new ChatMessage(ChatRole.Assistant, "TOOL ERROR " + root.GetRawText())
                        : root.TryGetProperty("images", out var images) ? Call("download_image", new() { ["url"] = images[0].GetProperty("uri").GetString(), ["path"] = "lighthouse.png", ["overwrite"] = true })
                        : new ChatMessage(ChatRole.Assistant, "SAVED " + root.GetProperty("path").GetString());
                }
                else
                {
                    reply = new ChatMessage(ChatRole.Assistant, "Tell me what to draw.");
                }

                return Task.FromResult(new ChatResponse(reply));
            }

            public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
                throw new NotSupportedException();

            public object? GetService(Type serviceType, object? serviceKey = null) => serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

            public void Dispose()
            {
            }

            private static ChatMessage Call(string name, Dictionary<string, object?> arguments) =>
                new(ChatRole.Assistant, [new FunctionCallContent("call_" + Guid.NewGuid().ToString("N")[..8], name,
                    arguments.ToDictionary(p => p.Key, p => (object?)JsonSerializer.SerializeToElement(p.Value)))]);
        }
        """;

    private ReadmeAgentFrameworkApp(string root, string version)
    {
        Root = root;
        Version = version;
    }

    /// <summary>The folder holding the packages, the app and its output.</summary>
    public string Root { get; }

    /// <summary>The version the libraries were packed under for this run.</summary>
    public string Version { get; }

    /// <summary>The <c>dotnet pack -o</c> folder.</summary>
    public string Packages => Path.Combine(Root, "packages");

    /// <summary>The console app's folder.</summary>
    public string App => Path.Combine(Root, "app");

    /// <summary>The built app's folder (bin/Release/net10.0).</summary>
    public string Output => Path.Combine(App, "bin", "Release", "net10.0");

    /// <summary>Where the app saves images (Flux2:OutputDirectory).</summary>
    public string Images => Path.Combine(Root, "images");

    /// <summary>The code block of the README's "Agent Framework" section, as it is in the repository now.</summary>
    public static string ReadmeSnippet()
    {
        string readme = File.ReadAllText(Path.Combine(EndToEndPaths.RepositoryRoot, "README.md"));
        int section = readme.IndexOf("\n### Agent Framework", StringComparison.Ordinal);
        if (section < 0)
        {
            throw new InvalidOperationException("README.md has no '### Agent Framework' section (under 'Which face fits which use').");
        }

        var block = CodeBlock().Match(readme, section);
        if (!block.Success)
        {
            throw new InvalidOperationException("README.md's '### Agent Framework' section has no ```csharp block.");
        }

        return block.Groups["code"].Value;
    }

    /// <summary>Packs the three libraries, creates the app around the README's code and builds it; what each step printed goes to <paramref name="log"/>.</summary>
    public static async Task<ReadmeAgentFrameworkApp> CreateAsync(StringBuilder log)
    {
        string version = "0.1.0-e2e." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        var app = new ReadmeAgentFrameworkApp(Path.Combine(Path.GetTempPath(), $"flux2-e2e-packages-{Guid.NewGuid():N}"), version);
        Directory.CreateDirectory(app.Packages);
        Directory.CreateDirectory(app.Images);
        foreach (string library in Libraries)
        {
            var pack = await app.DotnetAsync(PackTimeout, app.Root,
                "pack", Path.Combine(EndToEndPaths.RepositoryRoot, "src", library), "-c", "Release", "-o", app.Packages, $"-p:Version={version}", "--nologo");
            Require(pack, $"dotnet pack src/{library}");
            log.Append(CultureInfo.InvariantCulture, $"packed {library} {version} in {pack.Elapsed.TotalSeconds:0} s\n");
        }

        var create = await app.DotnetAsync(BuildTimeout, app.Root, "new", "console", "--framework", "net10.0", "--name", "app", "--output", app.App);
        Require(create, "dotnet new console");

        // The local packages beside the sources this machine is configured with (the NuGet registry served here).
        await File.WriteAllTextAsync(Path.Combine(app.App, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="flux2-packed" value="{app.Packages}" />
              </packageSources>
            </configuration>
            """);
        string project = Path.Combine(app.App, "app.csproj");
        var csproj = XDocument.Load(project);
        csproj.Root!.Add(new XElement("ItemGroup",
            Reference("Flux2.Agents", version),
            Reference("Flux2.Simulator", version),
            Reference("Microsoft.Agents.AI", PinnedVersion("Microsoft.Agents.AI")),
            Reference("Microsoft.Extensions.Hosting", PinnedVersion("Microsoft.Extensions.Hosting"))));
        csproj.Save(project);
        await File.WriteAllTextAsync(Path.Combine(app.App, "ScriptedChatClient.cs"), ScriptedModel);
        await File.WriteAllTextAsync(Path.Combine(app.App, "Program.cs"), $$"""
            using Flux2.Agents;
            using Microsoft.Agents.AI;
            using Microsoft.Extensions.AI;
            using Microsoft.Extensions.Configuration;
            using Microsoft.Extensions.DependencyInjection;

            IConfiguration configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
            IChatClient chatClient = new ScriptedChatClient();

            // ---- README.md, "Agent Framework", as written ----
            {{ReadmeSnippet()}}
            // ---- end of the README's code ----

            Console.WriteLine(reply.Text);
            """);

        var build = await app.DotnetAsync(BuildTimeout, app.App, "build", "-c", "Release", "--nologo");
        Require(build, "dotnet build (the console app)");
        log.Append(CultureInfo.InvariantCulture, $"built the app in {build.Elapsed.TotalSeconds:0} s\n");
        return app;
    }

    /// <summary>
    /// Runs the built app, its images saved to <see cref="Images"/>: with no provider key (the app's offline simulator answers) unless
    /// <paramref name="settings"/> configure one.
    /// </summary>
    public async Task<ProcessResult> RunAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var start = ChildEnvironment.Isolate(new ProcessStartInfo(DotnetHost.Path) { WorkingDirectory = App }, Path.Combine(Root, "home"));
        start.ArgumentList.Add(Path.Combine(Output, "app.dll"));
        start.Environment["Flux2__OutputDirectory"] = Images;
        start.Environment["Flux2__Simulator__LatencyMs"] = "0";
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return await ChildProcess.RunAsync(start, RunTimeout);
    }

    /// <summary>Deletes the folder and this run's packages from the NuGet cache (best effort).</summary>
    public void Delete()
    {
        TryDelete(Root);
        string cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (string library in Libraries)
        {
            TryDelete(Path.Combine(cache, library.ToLowerInvariant(), Version));
        }
    }

    private static XElement Reference(string id, string version) =>
        new("PackageReference", new XAttribute("Include", id), new XAttribute("Version", version));

    /// <summary>The version the repository pins (Directory.Packages.props), so the app uses what the libraries were built against.</summary>
    private static string PinnedVersion(string id) =>
        XDocument.Load(Path.Combine(EndToEndPaths.RepositoryRoot, "Directory.Packages.props"))
            .Descendants("PackageVersion").Single(p => (string?)p.Attribute("Include") == id).Attribute("Version")!.Value;

    private async Task<ProcessResult> DotnetAsync(TimeSpan timeout, string workingDirectory, params string[] arguments)
    {
        ProcessStartInfo start = DotnetHost.Sdk(workingDirectory, arguments);
        start.Environment["FLUX2_ARTIFACTS"] = Path.Combine(EndToEndPaths.RepositoryRoot, "artifacts", "e2e-library-pack");
        return await ChildProcess.RunAsync(start, timeout);
    }

    private static void Require(ProcessResult result, string what)
    {
        if (result.TimedOut || result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{what} failed, so the README's app cannot be tested.\n{result.Describe()}");
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    [GeneratedRegex(@"```csharp\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex CodeBlock();
}
