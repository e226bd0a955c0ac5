using System.Diagnostics;
using System.Globalization;

namespace Flux2.EndToEnd;

/// <summary>
/// <c>flux2-mcp --http</c> as a child process on a free loopback port, with an isolated environment (no provider keys:
/// the offline simulator answers) and its own output folder; killed with its process tree on dispose.
/// </summary>
public sealed class McpServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    // A hard cap on the server's life, enforced by coreutils `timeout`, so that even a test host killed outright leaves no server behind.
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(20);
    private const string TimeoutCommand = "/usr/bin/timeout";

    private readonly BackgroundProcess _process;

    private McpServerProcess(BackgroundProcess process, int port)
    {
        _process = process;
        Port = port;
    }

    /// <summary>The loopback port it listens on.</summary>
    public int Port { get; }

    /// <summary>The streamable HTTP endpoint, http://127.0.0.1:PORT/mcp.</summary>
    public Uri Endpoint => new(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{Port}/mcp"));

    /// <summary>What the server wrote on stdout and stderr so far (for failure messages).</summary>
    public string Log => _process.Log;

    /// <summary>
    /// Starts the server and returns once its port accepts connections; retries on another port if the first was taken.
    /// <paramref name="settings"/> are extra environment variables (e.g. <c>Flux2__Mcp__MaxWaitSeconds</c>).
    /// </summary>
    public static async Task<McpServerProcess> StartHttpAsync(string outputDirectory, string home, IReadOnlyDictionary<string, string>? settings = null)
    {
        for (int attempt = 1; ; attempt++)
        {
            int port = LoopbackPort.Free();
            var start = new ProcessStartInfo(DotnetHost.Path) { WorkingDirectory = home };
            if (File.Exists(TimeoutCommand))
            {
                start.FileName = TimeoutCommand;
                start.ArgumentList.Add("--kill-after=10s");
                start.ArgumentList.Add(string.Create(CultureInfo.InvariantCulture, $"{(int)Lifetime.TotalSeconds}s"));
                start.ArgumentList.Add(DotnetHost.Path);
            }

            start.ArgumentList.Add(EndToEndPaths.McpServerAssembly);
            start.ArgumentList.Add("--http");
            start.ArgumentList.Add("--urls");
            start.ArgumentList.Add(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"));
            ChildEnvironment.Isolate(start, home);
            foreach (var (name, value) in settings ?? new Dictionary<string, string>())
            {
                start.Environment[name] = value;
            }

            start.Environment["FLUX2_OUTPUT_DIR"] = outputDirectory;

            var process = BackgroundProcess.Start(start, "flux2-mcp --http");
            try
            {
                await process.WaitForPortAsync(port, StartTimeout).ConfigureAwait(false);
                return new McpServerProcess(process, port);
            }
            catch (InvalidOperationException) when (attempt < 3 && process.HasExited && process.Log.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                await process.DisposeAsync().ConfigureAwait(false); // another process took the port first: try another
            }
            catch
            {
                await process.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
    }

    /// <summary>Kills the server and everything it started.</summary>
    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
