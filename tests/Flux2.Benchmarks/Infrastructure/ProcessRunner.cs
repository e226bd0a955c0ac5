using System.Diagnostics;
using System.Globalization;

namespace Flux2.Benchmarks;

/// <summary>
/// How the benchmarks start children: quiet .NET children plus the benchmark's environment, run by Flux2.Testing's
/// <see cref="ChildProcess"/> (to completion) or <see cref="BackgroundProcess"/> (servers).
/// </summary>
internal static class ProcessRunner
{
    /// <summary>
    /// Runs <paramref name="fileName"/> with <paramref name="arguments"/>; the wall time runs from spawn to exit.
    /// <paramref name="onStderrLine"/>, when given, sees each stderr line as it arrives (to time-stamp it).
    /// </summary>
    public static Task<ProcessResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        TimeSpan timeout,
        IReadOnlyDictionary<string, string?>? environment = null,
        string? workingDirectory = null,
        Action<string>? onStderrLine = null,
        CancellationToken cancellationToken = default) =>
        ChildProcess.RunAsync(Command(fileName, arguments, environment, workingDirectory), timeout, onStderrLine, cancellationToken);

    /// <summary>Starts a server (an HTTP server, a proxy) that runs until the returned process is disposed.</summary>
    public static BackgroundProcess Start(string name, string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null) =>
        BackgroundProcess.Start(Command(fileName, arguments, environment, null), name);

    /// <summary>A start with quiet, reproducible .NET children plus <paramref name="environment"/> (entries with a null value are removed).</summary>
    public static ProcessStartInfo Command(string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment, string? workingDirectory)
    {
        var start = ChildProcess.Command(fileName, arguments, workingDirectory ?? Environment.CurrentDirectory);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        return ChildEnvironment.Apply(start, environment);
    }

    /// <summary>Peak resident set size in bytes so far of process <paramref name="id"/> (VmHWM of /proc/PID/status), or null where there is no /proc.</summary>
    public static long? PeakResidentBytes(int id) => StatusKilobytes(id, "VmHWM:") * 1024;

    /// <summary>Resident set size in bytes now of process <paramref name="id"/> (VmRSS of /proc/PID/status), or null where there is no /proc.</summary>
    public static long? ResidentBytes(int id) => StatusKilobytes(id, "VmRSS:") * 1024;

    /// <summary>User plus system CPU time so far of process <paramref name="id"/> (/proc/PID/stat), or null where there is no /proc.</summary>
    public static TimeSpan? CpuTime(int id)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{id.ToString(CultureInfo.InvariantCulture)}/stat");

            // The fields after the command name (which may hold spaces, inside parentheses): utime and stime are the 12th and 13th.
            string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            long ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return TimeSpan.FromSeconds(ticks / (double)ClockTicksPerSecond);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>The kernel's USER_HZ, which /proc/PID/stat counts CPU time in (100 on Linux).</summary>
    private const int ClockTicksPerSecond = 100;

    private static long? StatusKilobytes(int id, string field)
    {
        try
        {
            foreach (string line in File.ReadLines($"/proc/{id.ToString(CultureInfo.InvariantCulture)}/status"))
            {
                if (line.StartsWith(field, StringComparison.Ordinal))
                {
                    return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
        }

        return null;
    }
}
