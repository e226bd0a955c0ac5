using System.Diagnostics;
using System.Text;

namespace Flux2.Testing;

/// <summary>
/// Runs child processes to completion within a time box, capturing their output; a time-out kills the whole process tree. Every
/// child started here or by <see cref="BackgroundProcess"/> is killed if the test host exits first.
/// </summary>
public static class ChildProcess
{
    private static readonly HashSet<Process> Live = [];

    static ChildProcess()
    {
        // Last resort if the test host exits with children still running (a host killed outright relies on the children's own time boxes).
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            Process[] remaining;
            lock (Live)
            {
                remaining = [.. Live];
            }

            foreach (var process in remaining)
            {
                KillTree(process);
            }
        };
    }

    /// <summary>A start for <paramref name="fileName"/> with <paramref name="arguments"/>, in <paramref name="workingDirectory"/> when given.</summary>
    public static ProcessStartInfo Command(string fileName, IEnumerable<string> arguments, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(fileName);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

        return start;
    }

    /// <summary>
    /// Starts <paramref name="start"/> with stdin closed, waits at most <paramref name="timeout"/> (then kills its tree and reports
    /// <see cref="ProcessResult.TimedOut"/>), and returns its output. <paramref name="onStandardErrorLine"/> sees each stderr line as it
    /// arrives. Cancelling <paramref name="cancellationToken"/> kills the tree and throws.
    /// </summary>
    public static async Task<ProcessResult> RunAsync(ProcessStartInfo start, TimeSpan timeout, Action<string>? onStandardErrorLine = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(start);
        Prepare(start);
        using var process = new Process { StartInfo = start };
        long started = Stopwatch.GetTimestamp();
        StartOrExplain(process);
        Track(process);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = ReadLinesAsync(process.StandardError, onStandardErrorLine);

        bool timedOut = false;
        using (var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            limit.CancelAfter(timeout);
            try
            {
                await process.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                timedOut = !cancellationToken.IsCancellationRequested;
                KillTree(process);
            }
        }

        TimeSpan elapsed = Stopwatch.GetElapsedTime(started);
        string output = await ReadOrNote(stdout);
        string error = await ReadOrNote(stderr);
        Untrack(process);
        cancellationToken.ThrowIfCancellationRequested();
        return new ProcessResult(Describe(start), timedOut ? -1 : process.ExitCode, output, error, timedOut, elapsed);
    }

    /// <summary>Redirects all three streams and reads them as UTF-8, as every child here needs.</summary>
    public static ProcessStartInfo Prepare(ProcessStartInfo start)
    {
        ArgumentNullException.ThrowIfNull(start);
        start.UseShellExecute = false;
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.StandardOutputEncoding = Encoding.UTF8;
        start.StandardErrorEncoding = Encoding.UTF8;
        return start;
    }

    /// <summary>The command line for messages (arguments quoted when they contain spaces).</summary>
    public static string Describe(ProcessStartInfo start)
    {
        ArgumentNullException.ThrowIfNull(start);
        return string.Join(' ', new[] { start.FileName }.Concat(start.ArgumentList).Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"'{a}'" : a));
    }

    /// <summary>Kills the process and all its descendants, ignoring one that already exited, and waits briefly for it.</summary>
    public static void KillTree(Process process)
    {
        ArgumentNullException.ThrowIfNull(process);
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            process.WaitForExit(TimeSpan.FromSeconds(10));
        }
        catch (InvalidOperationException)
        {
            // Never started or already gone.
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // Exited between the check and the kill.
        }
    }

    /// <summary>Starts the process, or says which program could not be started.</summary>
    internal static void StartOrExplain(Process process)
    {
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"Could not start '{process.StartInfo.FileName}': {ex.Message}. Is it installed and on PATH?", ex);
        }
    }

    /// <summary>Remembers a started child so that it is killed if the test host exits first.</summary>
    internal static void Track(Process process)
    {
        lock (Live)
        {
            Live.Add(process);
        }
    }

    /// <summary>Forgets a child that has been waited for or killed.</summary>
    internal static void Untrack(Process process)
    {
        lock (Live)
        {
            Live.Remove(process);
        }
    }

    private static async Task<string> ReadLinesAsync(StreamReader reader, Action<string>? onLine)
    {
        var text = new StringBuilder();
        while (await reader.ReadLineAsync() is { } line)
        {
            onLine?.Invoke(line);
            text.Append(line).Append('\n');
        }

        return text.ToString();
    }

    private static async Task<string> ReadOrNote(Task<string> read)
    {
        // A grandchild that escaped the tree could hold the pipes open: do not wait for ever.
        try
        {
            return await read.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            return "(output not closed 10 s after exit)";
        }
    }
}
