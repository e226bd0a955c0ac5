using System.Diagnostics;
using System.Text;

namespace Flux2.Benchmarks;

/// <summary>Spawns a process, captures its output, and kills its whole tree when it overruns its time-out.</summary>
internal static class ProcessRunner
{
    /// <summary>
    /// Runs <paramref name="fileName"/> with <paramref name="arguments"/>; the wall time runs from spawn to exit.
    /// <paramref name="onStderrLine"/>, when given, sees each stderr line as it arrives (to time-stamp it).
    /// </summary>
    public static async Task<ProcessResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        TimeSpan timeout,
        IReadOnlyDictionary<string, string?>? environment = null,
        string? workingDirectory = null,
        Action<string>? onStderrLine = null,
        CancellationToken cancellationToken = default)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        ApplyEnvironment(info, environment);

        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (stdout)
                {
                    stdout.AppendLine(e.Data);
                }
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                onStderrLine?.Invoke(e.Data);
                lock (stderr)
                {
                    stderr.AppendLine(e.Data);
                }
            }
        };

        long started = Stopwatch.GetTimestamp();
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        bool timedOut = false;
        try
        {
            await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            timedOut = !cancellationToken.IsCancellationRequested;
            Kill(process);
            if (!timedOut)
            {
                throw;
            }
        }

        TimeSpan elapsed = Stopwatch.GetElapsedTime(started);
        if (!timedOut)
        {
            process.WaitForExit(); // drains the asynchronous readers
        }

        string output;
        string errors;
        lock (stdout)
        {
            output = stdout.ToString();
        }

        lock (stderr)
        {
            errors = stderr.ToString();
        }

        return new ProcessResult(timedOut ? -1 : process.ExitCode, output, errors, elapsed, timedOut);
    }

    /// <summary>Quiet, reproducible .NET children, plus <paramref name="environment"/> (entries with a null value are removed).</summary>
    public static void ApplyEnvironment(ProcessStartInfo info, IReadOnlyDictionary<string, string?>? environment)
    {
        ArgumentNullException.ThrowIfNull(info);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var pair in environment ?? new Dictionary<string, string?>())
        {
            if (pair.Value is null)
            {
                info.Environment.Remove(pair.Key);
            }
            else
            {
                info.Environment[pair.Key] = pair.Value;
            }
        }
    }

    /// <summary>Kills a process and its children, ignoring one that already exited.</summary>
    public static void Kill(Process process)
    {
        ArgumentNullException.ThrowIfNull(process);
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
