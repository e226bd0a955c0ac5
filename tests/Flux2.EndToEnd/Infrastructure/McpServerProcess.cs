using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

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
    private const int MaxLogChars = 200_000;

    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private McpServerProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    /// <summary>The loopback port it listens on.</summary>
    public int Port { get; }

    /// <summary>The streamable HTTP endpoint, http://127.0.0.1:PORT/mcp.</summary>
    public Uri Endpoint => new(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{Port}/mcp"));

    /// <summary>What the server wrote on stdout and stderr so far (for failure messages).</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>
    /// Starts the server and returns once its port accepts connections; retries on another port if the first was taken.
    /// <paramref name="settings"/> are extra environment variables (e.g. <c>Flux2__Mcp__MaxWaitSeconds</c>).
    /// </summary>
    public static async Task<McpServerProcess> StartHttpAsync(string outputDirectory, string home, IReadOnlyDictionary<string, string>? settings = null)
    {
        for (int attempt = 1; ; attempt++)
        {
            int port = FreeLoopbackPort();
            var start = new ProcessStartInfo(EndToEndPaths.DotnetHost) { WorkingDirectory = home };
            if (File.Exists(TimeoutCommand))
            {
                start.FileName = TimeoutCommand;
                start.ArgumentList.Add("--kill-after=10s");
                start.ArgumentList.Add(string.Create(CultureInfo.InvariantCulture, $"{(int)Lifetime.TotalSeconds}s"));
                start.ArgumentList.Add(EndToEndPaths.DotnetHost);
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
            ChildProcess.Prepare(start);

            var server = new McpServerProcess(new Process { StartInfo = start }, port);
            try
            {
                if (await server.StartAndWaitAsync().ConfigureAwait(false))
                {
                    return server;
                }
            }
            catch
            {
                await server.DisposeAsync().ConfigureAwait(false);
                throw;
            }

            await server.DisposeAsync().ConfigureAwait(false);
            if (attempt == 3 || !server.Log.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException(
                    $"flux2-mcp --http exited before listening on port {port} (exit code {server._process.ExitCode}).\n"
                    + $"$ {ChildProcess.Describe(start)}\n{server.Log}");
            }
        }
    }

    /// <summary>Kills the server and everything it started.</summary>
    public ValueTask DisposeAsync()
    {
        ChildProcess.KillTree(_process);
        ChildProcess.Untrack(_process);
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<bool> StartAndWaitAsync()
    {
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.Start();
        ChildProcess.Track(_process);
        _process.StandardInput.Close();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < StartTimeout)
        {
            if (_process.HasExited)
            {
                _process.WaitForExit(); // drains the output events
                return false;
            }

            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, Port).ConfigureAwait(false);
                return true;
            }
            catch (SocketException)
            {
                await Task.Delay(100).ConfigureAwait(false);
            }
        }

        throw new TimeoutException(
            $"flux2-mcp --http did not listen on 127.0.0.1:{Port} within {StartTimeout.TotalSeconds:0} s.\n{Log}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            if (_log.Length < MaxLogChars)
            {
                _log.Append(line).Append('\n');
            }
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
