using System.Diagnostics;
using System.Text;

namespace Flux2.EndToEnd;

/// <summary>Runs child processes to completion within a time box, capturing their output; a time-out kills the whole process tree.</summary>
internal static class ChildProcess
{
    private static readonly HashSet<Process> Live = [];

    static ChildProcess()
    {
        // Last resort if the test host exits with children still running (a killed host relies on the children's own time boxes).
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

    /// <summary>Remembers a started child so that it is killed if the test host exits first.</summary>
    public static void Track(Process process)
    {
        lock (Live)
        {
            Live.Add(process);
        }
    }

    /// <summary>Forgets a child that has been waited for or killed.</summary>
    public static void Untrack(Process process)
    {
        lock (Live)
        {
            Live.Remove(process);
        }
    }

    /// <summary>Starts <paramref name="start"/> with stdin closed, waits at most <paramref name="timeout"/>, and returns its output.</summary>
    public static async Task<ProcessResult> RunAsync(ProcessStartInfo start, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        Prepare(start);
        using var process = new Process { StartInfo = start };
        var stopwatch = Stopwatch.StartNew();
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"Could not start '{start.FileName}': {ex.Message}. Is it installed and on PATH?", ex);
        }

        Track(process);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);

        bool timedOut = false;
        using (var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            limit.CancelAfter(timeout);
            try
            {
                await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                timedOut = true;
                KillTree(process);
            }
        }

        // A grandchild that escaped the tree could hold the pipes open: do not wait for ever.
        string output = await ReadOrEmpty(stdout).ConfigureAwait(false);
        string error = await ReadOrEmpty(stderr).ConfigureAwait(false);
        stopwatch.Stop();
        Untrack(process);
        cancellationToken.ThrowIfCancellationRequested();
        return new ProcessResult(Describe(start), timedOut ? -1 : process.ExitCode, output, error, timedOut, stopwatch.Elapsed);
    }

    /// <summary>Redirects all three streams and sets UTF-8, as every child here needs.</summary>
    public static void Prepare(ProcessStartInfo start)
    {
        start.UseShellExecute = false;
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.StandardOutputEncoding = Encoding.UTF8;
        start.StandardErrorEncoding = Encoding.UTF8;
    }

    /// <summary>Kills the process and all its descendants, ignoring a process that already exited, and waits briefly for it.</summary>
    public static void KillTree(Process process)
    {
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

    /// <summary>The command line for messages (arguments quoted when they contain spaces).</summary>
    public static string Describe(ProcessStartInfo start) =>
        string.Join(' ', new[] { start.FileName }.Concat(start.ArgumentList).Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"'{a}'" : a));

    private static async Task<string> ReadOrEmpty(Task<string> read)
    {
        try
        {
            return await read.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return "(output not closed 10 s after exit)";
        }
    }
}
