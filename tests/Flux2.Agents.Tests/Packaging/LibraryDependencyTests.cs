using System.Reflection;
using System.Text.Json;
using Flux2.Client;

namespace Flux2.Agents.Tests.Packaging;

/// <summary>
/// The library packages (Flux2.Client, and Flux2.Agents on top of it) pull in no web server and no simulator: an app that adds
/// image tools to a kernel or an agent must not drag ASP.NET Core along. Checked on what the build really resolved (each project's
/// project.assets.json, transitive packages and projects included) and on the compiled assemblies' references.
/// </summary>
public sealed class LibraryDependencyTests
{
    public static TheoryData<string> Libraries => new() { "Flux2.Client", "Flux2.Agents" };

    [Theory]
    [MemberData(nameof(Libraries))]
    public void Library_ReferencesNoAspNetCoreFramework(string library)
    {
        using var assets = ReadAssets(library);
        var frameworks = assets.RootElement.GetProperty("project").GetProperty("frameworks");
        var references = frameworks.EnumerateObject()
            .SelectMany(f => f.Value.TryGetProperty("frameworkReferences", out var refs) ? refs.EnumerateObject().Select(r => r.Name) : [])
            .ToList();

        Assert.DoesNotContain(references, r => r.StartsWith("Microsoft.AspNetCore", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [MemberData(nameof(Libraries))]
    public void Library_ResolvesNoWebServerOrSimulator(string library)
    {
        using var assets = ReadAssets(library);
        var resolved = assets.RootElement.GetProperty("libraries").EnumerateObject().Select(l => l.Name.Split('/')[0]).ToList();

        Assert.Contains(resolved, name => name == "Microsoft.Extensions.AI.Abstractions");   // the file is the real restore result
        Assert.DoesNotContain(resolved, name => name.StartsWith("Microsoft.AspNetCore.", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(resolved, name => name.Equals("Flux2.Simulator", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(resolved, name => name.StartsWith("ModelContextProtocol.AspNetCore", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Agents_CarriesSkiaSharpsLinuxNatives_WithoutSystemDependencies_AndClientCarriesNoSkiaSharp()
    {
        // Issue 17, item 5: an app that follows the README on Linux must not fail on a missing libSkiaSharp.so.
        using var agents = ReadAssets("Flux2.Agents");
        using var client = ReadAssets("Flux2.Client");
        var agentsResolved = agents.RootElement.GetProperty("libraries").EnumerateObject().Select(l => l.Name.Split('/')[0]).ToList();
        var clientResolved = client.RootElement.GetProperty("libraries").EnumerateObject().Select(l => l.Name.Split('/')[0]).ToList();
        var direct = agents.RootElement.GetProperty("project").GetProperty("frameworks").EnumerateObject()
            .SelectMany(f => f.Value.TryGetProperty("dependencies", out var deps) ? deps.EnumerateObject().Select(d => d.Name) : [])
            .ToList();

        Assert.Contains("SkiaSharp.NativeAssets.Linux.NoDependencies", direct);
        Assert.Contains("SkiaSharp.NativeAssets.Linux.NoDependencies", agentsResolved);
        Assert.Equal(SkiaNatives.LinuxPackage, "SkiaSharp.NativeAssets.Linux.NoDependencies");
        // The variant that needs the system's fontconfig is not the one shipped.
        Assert.DoesNotContain("SkiaSharp.NativeAssets.Linux", agentsResolved);
        Assert.DoesNotContain(clientResolved, name => name.StartsWith("SkiaSharp", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData(typeof(Flux2ClientOptions))]
    [InlineData(typeof(Flux2ImageTools))]
    public void CompiledLibrary_ReferencesNoAspNetCoreOrSimulatorAssembly(Type typeInLibrary)
    {
        var references = typeInLibrary.Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.NotEmpty(references);
        Assert.DoesNotContain(references, name => name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
        Assert.DoesNotContain(references, name => name.StartsWith("Flux2.Simulator", StringComparison.Ordinal));
    }

    private static JsonDocument ReadAssets(string library)
    {
        string? path = typeof(LibraryDependencyTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == library + ".AssetsFile")?.Value;
        Assert.False(string.IsNullOrEmpty(path), $"the build did not record where {library}'s project.assets.json is");
        Assert.True(File.Exists(path), $"{library} has not been restored: {path} is missing");
        return JsonDocument.Parse(File.ReadAllText(path));
    }
}
