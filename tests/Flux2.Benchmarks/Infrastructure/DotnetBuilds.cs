using System.Collections.Concurrent;

namespace Flux2.Benchmarks;

/// <summary>Publishes src/ projects (the CLI, the MCP server) once per run into the scratch folder, with their own artifacts folder.</summary>
internal static class DotnetBuilds
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<string>>> Published = new();

    /// <summary>The dotnet host on PATH.</summary>
    public static string Dotnet => "dotnet";

    /// <summary>
    /// Publishes <paramref name="project"/> (a folder under src/) framework-dependent in Release, or Native AOT for linux-x64
    /// when <paramref name="aot"/>, with the server GC when <paramref name="serverGc"/> (as docs/hosting.md publishes a replica);
    /// returns the output folder. Throws with the build's own error text when it fails.
    /// </summary>
    public static Task<string> PublishAsync(BenchOptions options, string project, bool aot = false, bool serverGc = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        string key = project + (aot ? ":aot" : "") + (serverGc ? ":servergc" : "");
        return Published.GetOrAdd(key, _ => new Lazy<Task<string>>(() => RunPublishAsync(options, project, aot, serverGc, cancellationToken))).Value;
    }

    private static async Task<string> RunPublishAsync(BenchOptions options, string project, bool aot, bool serverGc, CancellationToken cancellationToken)
    {
        string output = Path.Combine(options.WorkDirectory, "publish", project + (aot ? "-aot" : "") + (serverGc ? "-servergc" : ""));
        string what = $"src/{project}{(aot ? " (Native AOT, linux-x64)" : "")}{(serverGc ? " (server GC)" : "")}";
        if (options.ReuseBuilds && File.Exists(Path.Combine(output, ".published")))
        {
            BenchReport.Note($"reusing {what} published at {File.GetLastWriteTimeUtc(Path.Combine(output, ".published")):u} ({output})");
            return output;
        }

        if (Directory.Exists(output))
        {
            Directory.Delete(output, recursive: true);
        }

        List<string> args = ["publish", Path.Combine(Repo.Root, "src", project), "-c", "Release", "-o", output, "--nologo", "-v", "quiet"];
        // The tools' projects publish Native AOT by default (their linux-x64 tool package is AOT): ask for the one wanted.
        args.AddRange(aot ? ["-r", "linux-x64", "-p:PublishAot=true"] : ["-p:PublishAot=false"]);
        if (serverGc)
        {
            args.Add("-p:ServerGarbageCollection=true");
        }

        BenchReport.Note($"publishing {what} to {output} ...");
        var env = new Dictionary<string, string?>
        {
            // Its own artifacts folder, so it never collides with another build of the same tree.
            // The server GC changes only what is linked or configured: it shares the build's intermediate files.
            ["FLUX2_ARTIFACTS"] = Path.Combine(options.WorkDirectory, "artifacts" + (aot ? "-aot" : "")),
        };
        ProcessResult result = await ProcessRunner.RunAsync(Dotnet, args, TimeSpan.FromMinutes(aot ? 20 : 10), env, Repo.Root, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            string text = (result.StandardOutput + "\n" + result.StandardError).Trim();
            throw new InvalidOperationException($"dotnet publish {what} failed ({(result.TimedOut ? "timed out" : $"exit {result.ExitCode}")}): " +
                (text.Length > 1500 ? text[^1500..] : text));
        }

        await File.WriteAllTextAsync(Path.Combine(output, ".published"), DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
        BenchReport.Note($"published {what} in {result.Elapsed.TotalSeconds:0.0} s");
        return output;
    }
}
