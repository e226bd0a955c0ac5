using System.Text;
using Flux2.Simulator;
using Xunit.Abstractions;

namespace Flux2.EndToEnd;

/// <summary>
/// Issue 17, item 5: the README's Agent Framework snippet, pasted into a fresh console app on Linux that references the packed
/// libraries, saves lighthouse.png; and where SkiaSharp's native library is missing, the tool says which package to add instead
/// of an internal error that invites a retry.
/// </summary>
[Collection(PackagesGroup.Name)]
[Trait("Category", "Slow")]
[Trait("Needs", "process")]
public sealed class ReadmeAgentFrameworkTests(ITestOutputHelper output)
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    [Fact]
    public async Task ReadmeSnippet_InAFreshConsoleApp_OnThePackedLibraries_SavesLighthousePng()
    {
        var log = new StringBuilder();
        var app = await ReadmeAgentFrameworkApp.CreateAsync(log);
        try
        {
            output.WriteLine(log.ToString());
            string snippet = ReadmeAgentFrameworkApp.ReadmeSnippet();
            Assert.Contains("AddFlux2Tools(configuration)", snippet, StringComparison.Ordinal);
            Assert.Contains("lighthouse.png", snippet, StringComparison.Ordinal);
            // Shipped with the package, not added by the app: SkiaSharp's Linux natives.
            Assert.True(File.Exists(Path.Combine(app.Output, "runtimes", "linux-x64", "native", "libSkiaSharp.so")), "libSkiaSharp.so for linux-x64 is not in the app's output");

            var run = await app.RunAsync();
            output.WriteLine(run.Describe());

            string saved = Path.Combine(app.Images, "lighthouse.png");
            Assert.True(run.ExitCode == 0, run.Describe());
            Assert.Contains("SAVED " + saved, run.StandardOutput, StringComparison.Ordinal);
            Assert.True(File.Exists(saved), run.Describe());
            byte[] bytes = await File.ReadAllBytesAsync(saved);
            // The simulated provider answers JPEG by default: a PNG here was converted by SkiaSharp on Linux.
            Assert.Equal(PngSignature, bytes[..PngSignature.Length]);

            // Without the native library (a platform the package does not cover), the tool names the package; no "retry". The
            // app's own simulator draws with SkiaSharp too, so the images come from a simulator in this process, as "fal" with a key.
            File.Delete(saved);
            foreach (string native in Directory.EnumerateFiles(Path.Combine(app.Output, "runtimes"), "libSkiaSharp.*", SearchOption.AllDirectories))
            {
                File.Delete(native);
            }

            await using var provider = await SimulatorServer.StartAsync(new SimulatorOptions { Latency = TimeSpan.Zero });
            var missing = await app.RunAsync(new Dictionary<string, string>
            {
                ["FAL_KEY"] = "e2e-test-key",
                ["Flux2__Providers__Fal__BaseUrl"] = provider.DialectUrl("fal").ToString(),
                ["Flux2__Providers__Fal__QueueBaseUrl"] = provider.DialectUrl("fal-queue").ToString(),
            });
            output.WriteLine(missing.Describe());
            Assert.Contains("TOOL ERROR", missing.StandardOutput, StringComparison.Ordinal);
            Assert.Contains("\"error\":\"missing_dependency\"", missing.StandardOutput, StringComparison.Ordinal);
            Assert.Contains("SkiaSharp.NativeAssets.Linux.NoDependencies", missing.StandardOutput, StringComparison.Ordinal);
            Assert.Contains("\"retryable\":false", missing.StandardOutput, StringComparison.Ordinal);
            Assert.DoesNotContain("Retry once", missing.StandardOutput, StringComparison.Ordinal);
            Assert.False(File.Exists(saved));
            Assert.Equal(1, provider.Counters.Get("fal-queue", "submit"));
        }
        finally
        {
            app.Delete();
        }
    }
}
