using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Flux2.Testing;

/// <summary>
/// A long-running child (a server, redis-server, the CLI waiting for Ctrl+C) started by a test: its output is kept as it comes, it
/// can be waited for (a port that listens, a line it prints, its exit), interrupted or killed, and its whole process tree is
/// killed when it is disposed.
/// </summary>
public sealed class BackgroundProcess : IAsyncDisposable
{
    private const int MaxChars = 256 * 1024;

    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly StringBuilder _log = new();
    private readonly Lock _gate = new();
    private TaskCompletionSource _lineArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly long _started;

    private BackgroundProcess(Process process, string name)
    {
        _process = process;
        Name = name;
        _started = Stopwatch.GetTimestamp();
    }

    /// <summary>What it is, for messages.</summary>
    public string Name { get; }

    /// <summary>Its process id.</summary>
    public int Id => _process.Id;

    /// <summary>True once it exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Its exit code (only once it exited).</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>What it wrote to stdout so far (the last 256 KiB).</summary>
    public string StandardOutput => Read(_stdout);

    /// <summary>What it wrote to stderr so far (the last 256 KiB).</summary>
    public string StandardError => Read(_stderr);

    /// <summary>Both streams interleaved as they came (the last 256 KiB), for failure messages.</summary>
    public string Log => Read(_log);

    /// <summary>
    /// Starts <paramref name="start"/> with stdout and stderr captured and stdin closed; <paramref name="name"/> names it in messages
    /// (default: the program's file name).
    /// </summary>
    public static BackgroundProcess Start(ProcessStartInfo start, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(start);
        ChildProcess.Prepare(start);
        var process = new Process { StartInfo = start };
        var started = new BackgroundProcess(process, name ?? Path.GetFileName(start.FileName));
        process.OutputDataReceived += (_, e) => started.Append(started._stdout, e.Data);
        process.ErrorDataReceived += (_, e) => started.Append(started._stderr, e.Data);
        ChildProcess.StartOrExplain(process);
        ChildProcess.Track(process);
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return started;
    }

    /// <summary>Waits until 127.0.0.1:<paramref name="port"/> accepts connections; throws with its output when it exits first or time runs out.</summary>
    public Task WaitForPortAsync(int port, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        WaitUntilAsync(async token =>
        {
            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, port, token);
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }, string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{port} to accept connections"), timeout, cancellationToken);

    /// <summary>Waits until <paramref name="url"/> answers a 2xx status; throws with its output when it exits first or time runs out.</summary>
    public async Task WaitUntilOkAsync(Uri url, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        await WaitUntilAsync(async token =>
        {
            try
            {
                using var response = await http.GetAsync(url, token);
                return response.IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
            catch (TaskCanceledException) when (!token.IsCancellationRequested)
            {
                return false;
            }
        }, $"{url} to answer 2xx", timeout, cancellationToken);
    }

    /// <summary>
    /// Polls <paramref name="ready"/> (every 100 ms) until it says true; throws naming <paramref name="what"/>, with the child's output,
    /// when the child exits first or <paramref name="timeout"/> passes.
    /// </summary>
    public async Task WaitUntilAsync(Func<CancellationToken, Task<bool>> ready, string what, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ready);
        long started = Stopwatch.GetTimestamp();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode} before {what}.\n$ {ChildProcess.Describe(_process.StartInfo)}\n{Log}");
            }

            if (await ready(cancellationToken))
            {
                return;
            }

            if (Stopwatch.GetElapsedTime(started) > timeout)
            {
                throw new TimeoutException($"{Name}: no {what} within {timeout.TotalSeconds:0} s.\n$ {ChildProcess.Describe(_process.StartInfo)}\n{Log}");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>Waits until it has printed <paramref name="text"/> (on either stream); throws with its output when it exits first or time runs out.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        while (true)
        {
            Task arrived;
            lock (_gate)
            {
                if (_log.ToString().Contains(text, StringComparison.Ordinal))
                {
                    return;
                }

                arrived = _lineArrived.Task;
            }

            if (_process.HasExited)
            {
                _process.WaitForExit(); // drains the output events
                if (Log.Contains(text, StringComparison.Ordinal))
                {
                    return;
                }

                throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode} without printing '{text}'.\n{Log}");
            }

            try
            {
                await Task.WhenAny(arrived, _process.WaitForExitAsync(limit.Token)).WaitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"{Name} did not print '{text}' within {timeout.TotalSeconds:0} s.\n{Log}");
            }
        }
    }

    /// <summary>Waits for its exit and returns what it printed; past <paramref name="timeout"/> its tree is killed and the result says it timed out.</summary>
    public async Task<ProcessResult> WaitForExitAsync(TimeSpan timeout)
    {
        bool timedOut = false;
        using (var limit = new CancellationTokenSource(timeout))
        {
            try
            {
                await _process.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                timedOut = true;
                ChildProcess.KillTree(_process);
            }
        }

        _process.WaitForExit(); // drains the output events
        ChildProcess.Untrack(_process);
        return new ProcessResult(ChildProcess.Describe(_process.StartInfo), timedOut ? -1 : _process.ExitCode, StandardOutput, StandardError, timedOut,
            Stopwatch.GetElapsedTime(_started));
    }

    /// <summary>Sends SIGINT, as Ctrl+C in a terminal does.</summary>
    public void Interrupt()
    {
        var kill = ChildProcess.Command("kill", ["-INT", _process.Id.ToString(CultureInfo.InvariantCulture)]);
        kill.UseShellExecute = false;
        using var signal = Process.Start(kill) ?? throw new InvalidOperationException("kill did not start.");
        signal.WaitForExit();
        if (signal.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -INT {_process.Id} failed with exit code {signal.ExitCode}.");
        }
    }

    /// <summary>Kills it and everything it started at once, as a crash would (no shutdown, no clean-up).</summary>
    public void Kill()
    {
        ChildProcess.KillTree(_process);
        ChildProcess.Untrack(_process);
    }

    /// <summary>Kills it with its tree if it still runs.</summary>
    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Append(StringBuilder stream, string? line)
    {
        if (line is null)
        {
            return;
        }

        TaskCompletionSource arrived;
        lock (_gate)
        {
            AppendCapped(stream, line);
            AppendCapped(_log, line);
            arrived = _lineArrived;
            _lineArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        arrived.TrySetResult();
    }

    private static void AppendCapped(StringBuilder text, string line)
    {
        text.Append(line).Append('\n');
        if (text.Length > MaxChars)
        {
            text.Remove(0, text.Length - (MaxChars / 2));
        }
    }

    private string Read(StringBuilder text)
    {
        lock (_gate)
        {
            return text.ToString();
        }
    }
}
